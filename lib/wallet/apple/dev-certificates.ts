// Development default for Apple Wallet: a local test CA that mimics Apple's
// chain (root → "WWDR"-style intermediate → Pass Type ID certificate whose
// subject carries UID=<passTypeIdentifier> and OU=<teamIdentifier>), plus a TLS
// certificate and an APNs token key for the local APNs server. Generated once
// into a git-ignored directory. Passes signed with it verify against this chain
// but iPhones refuse to install them: configure real Apple certificates for that.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";

export type DevCertificates = {
  rootCert: string;
  wwdrCert: string;
  signerCert: string;
  signerKey: string;
  /** TLS server certificate + key for the local APNs server (localhost, 127.0.0.1). */
  apnsServerCert: string;
  apnsServerKey: string;
  /** ES256 key for APNs token auth (the .p8 Apple would give you) and its key id. */
  apnsTokenKey: string;
  apnsTokenKeyId: string;
};

const UID_OID = "0.9.2342.19200300.100.1.1";
const FILES: Record<keyof DevCertificates, string> = {
  rootCert: "root-ca.pem",
  wwdrCert: "wwdr.pem",
  signerCert: "signer-cert.pem",
  signerKey: "signer-key.pem",
  apnsServerCert: "apns-server-cert.pem",
  apnsServerKey: "apns-server-key.pem",
  apnsTokenKey: "apns-token-key.p8",
  apnsTokenKeyId: "apns-token-key-id.txt",
};

function rsaKeys() {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    pub: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
    key: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    pem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
  };
}

type Name = forge.pki.CertificateField[];

function issue(opts: {
  subject: Name;
  issuer: Name;
  publicKey: forge.pki.PublicKey;
  signWith: forge.pki.PrivateKey;
  ca: boolean;
  years: number;
  extensions?: object[];
}) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.publicKey;
  cert.serialNumber = "01" + randomBytes(8).toString("hex");
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + opts.years * 365 * 24 * 3600 * 1000);
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer);
  cert.setExtensions([
    { name: "basicConstraints", cA: opts.ca, critical: true },
    opts.ca ? { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true } : { name: "keyUsage", digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
    ...(opts.extensions ?? []),
  ]);
  cert.sign(opts.signWith as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return cert;
}

export function generateDevCertificates(passTypeIdentifier: string, teamIdentifier: string): DevCertificates {
  const root = rsaKeys();
  const rootName: Name = [
    { shortName: "CN", value: "Stempel Development Root CA (not Apple)" },
    { shortName: "O", value: "Stempel development" },
    { shortName: "C", value: "NL" },
  ];
  const rootCert = issue({ subject: rootName, issuer: rootName, publicKey: root.pub, signWith: root.key, ca: true, years: 20 });

  const wwdr = rsaKeys();
  const wwdrName: Name = [
    { shortName: "CN", value: "Apple Worldwide Developer Relations Certification Authority (Stempel test mimic)" },
    { shortName: "OU", value: "G4" },
    { shortName: "O", value: "Stempel development" },
    { shortName: "C", value: "NL" },
  ];
  const wwdrCert = issue({ subject: wwdrName, issuer: rootName, publicKey: wwdr.pub, signWith: root.key, ca: true, years: 10 });

  const signer = rsaKeys();
  const signerCert = issue({
    subject: [
      { type: UID_OID, value: passTypeIdentifier },
      { shortName: "CN", value: `Pass Type ID: ${passTypeIdentifier}` },
      { shortName: "OU", value: teamIdentifier },
      { shortName: "O", value: "Stempel development" },
      { shortName: "C", value: "NL" },
    ],
    issuer: wwdrName,
    publicKey: signer.pub,
    signWith: wwdr.key,
    ca: false,
    years: 5,
    extensions: [{ name: "extKeyUsage", clientAuth: true }],
  });

  const server = rsaKeys();
  const apnsServer = issue({
    subject: [
      { shortName: "CN", value: "localhost" },
      { shortName: "O", value: "Stempel local APNs" },
    ],
    issuer: rootName,
    publicKey: server.pub,
    signWith: root.key,
    ca: false,
    years: 5,
    extensions: [
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });

  const token = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = forge.pki.certificateToPem;
  return {
    rootCert: pem(rootCert),
    wwdrCert: pem(wwdrCert),
    signerCert: pem(signerCert),
    signerKey: signer.pem,
    apnsServerCert: pem(apnsServer),
    apnsServerKey: server.pem,
    apnsTokenKey: token.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    apnsTokenKeyId: randomBytes(5).toString("hex").toUpperCase(),
  };
}

/** Reads the development chain from `dir`, generating it on first use. */
export function loadOrCreateDevCertificates(dir: string, passTypeIdentifier: string, teamIdentifier: string): DevCertificates {
  const read = () =>
    Object.fromEntries(
      Object.entries(FILES).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f), "utf8").trim() + (k === "apnsTokenKeyId" ? "" : "\n")]),
    ) as DevCertificates;
  const marker = path.join(dir, "pass-type.txt");
  if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === `${passTypeIdentifier} ${teamIdentifier}`) return read();
  const certs = generateDevCertificates(passTypeIdentifier, teamIdentifier);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [k, f] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, f), certs[k as keyof DevCertificates], { mode: 0o600 });
  fs.writeFileSync(marker, `${passTypeIdentifier} ${teamIdentifier}`);
  return certs;
}

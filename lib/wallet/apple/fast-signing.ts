// passkit-generator signs every pass with node-forge: it re-parses the PEM
// certificates and runs the RSA private-key operation in pure JavaScript
// (≈ 35 ms a pass on our 2-core machines: 25 passes/s). This module keeps the
// library and its output byte-for-byte compatible, and makes two of forge's
// functions cheaper for the whole process:
//  - certificateFromPem / decryptRsaPrivateKey are memoised per PEM (certificates
//    are parsed once, as the issue asks);
//  - the parsed key's `sign` does the RSASSA-PKCS1-v1_5 operation with
//    node:crypto (OpenSSL) instead of forge's BigInteger code;
//  - SHA-1 (the manifest's file hashes, the signed digest) is OpenSSL's too,
//    behind forge's message-digest interface.
// Same DigestInfo, same padding, same signature bytes (RSA PKCS#1 v1.5 is
// deterministic); tests verify the result with openssl.
import { constants, createHash, createPrivateKey, privateEncrypt, type Hash, type KeyObject } from "node:crypto";
import forge from "node-forge";

type ForgeKey = forge.pki.rsa.PrivateKey;

const certs = new Map<string, forge.pki.Certificate>();
const keys = new Map<string, ForgeKey>();
let installed = false;

function digestInfo(md: forge.md.MessageDigest): Buffer {
  const { asn1 } = forge;
  const oid = forge.pki.oids[md.algorithm];
  if (!oid) throw new Error(`unsupported digest ${md.algorithm}`);
  const der = asn1.toDer(
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ""),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, md.digest().getBytes()),
    ]),
  );
  return Buffer.from(der.getBytes(), "binary");
}

function withNativeSign(key: ForgeKey, native: KeyObject): ForgeKey {
  const forgeSign = key.sign.bind(key);
  key.sign = ((md: forge.md.MessageDigest, scheme?: string) => {
    if (scheme !== undefined && scheme !== "RSASSA-PKCS1-V1_5") return forgeSign(md, scheme as never);
    return privateEncrypt({ key: native, padding: constants.RSA_PKCS1_PADDING }, digestInfo(md)).toString("binary");
  }) as ForgeKey["sign"];
  return key;
}

/** forge's MessageDigest interface over OpenSSL's SHA-1. */
function nativeSha1(): forge.md.MessageDigest {
  let hash: Hash = createHash("sha1");
  const md = {
    algorithm: "sha1",
    blockLength: 64,
    digestLength: 20,
    messageLength: 0,
    start() {
      hash = createHash("sha1");
      md.messageLength = 0;
      return md;
    },
    update(msg: string, encoding?: "raw" | "utf8") {
      const bytes = Buffer.from(msg, encoding === "utf8" ? "utf8" : "latin1");
      md.messageLength += bytes.length;
      hash.update(bytes);
      return md;
    },
    digest() {
      return forge.util.createBuffer(hash.copy().digest().toString("latin1"));
    },
  };
  return md as unknown as forge.md.MessageDigest;
}

export function installFastSigning(): void {
  if (installed) return;
  installed = true;
  forge.md.sha1.create = nativeSha1 as unknown as typeof forge.md.sha1.create;
  const parseCert = forge.pki.certificateFromPem;
  const parseKey = forge.pki.decryptRsaPrivateKey;
  forge.pki.certificateFromPem = ((pem: string, computeHash?: boolean, strict?: boolean) => {
    let cert = certs.get(pem);
    if (!cert) {
      cert = parseCert(pem, computeHash, strict);
      if (certs.size < 64) certs.set(pem, cert);
    }
    return cert;
  }) as typeof forge.pki.certificateFromPem;
  forge.pki.decryptRsaPrivateKey = ((pem: string, passphrase?: string) => {
    const id = `${passphrase ?? ""}\u0000${pem}`;
    let key = keys.get(id);
    if (!key) {
      const parsed = parseKey(pem, passphrase);
      if (!parsed) return parsed;
      key = withNativeSign(parsed, createPrivateKey({ key: pem, format: "pem", passphrase }));
      if (keys.size < 16) keys.set(id, key);
    }
    return key;
  }) as typeof forge.pki.decryptRsaPrivateKey;
}

import QRCode from "qrcode";

// Error correction M survives a creased or partly covered poster.
const OPTIONS = { errorCorrectionLevel: "M" as const, margin: 2 };

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: "svg" });
}

export function qrPng(text: string, width = 1024): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: "png", width });
}

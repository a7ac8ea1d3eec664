// A real, scannable QR code as inline SVG, drawn synchronously (server or
// browser) with the same library and settings as lib/enrollment/qr.ts.
import QRCode from "qrcode";

const MARGIN = 2;

export function qrPath(message: string): { size: number; d: string } {
  const { modules } = QRCode.create(message, { errorCorrectionLevel: "M" });
  let d = "";
  for (let y = 0; y < modules.size; y++)
    for (let x = 0; x < modules.size; x++) if (modules.data[y * modules.size + x]) d += `M${x + MARGIN} ${y + MARGIN}h1v1h-1z`;
  return { size: modules.size + 2 * MARGIN, d };
}

export function QrCode({ message, className, label }: { message: string; className?: string; label?: string }) {
  const { size, d } = qrPath(message);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${size} ${size}`}
      className={className}
      shapeRendering="crispEdges"
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-qr={message}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

import { SiteHeader } from "@/components/layout/site-header";
import { Card } from "@/components/ui/card";

export async function AuthShell({ title, lead, children, footer }: { title: string; lead?: string; children: React.ReactNode; footer?: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-md px-4 pb-16 pt-6">
        <Card className="space-y-6">
          <div className="space-y-1">
            <h1 className="text-2xl font-bold">{title}</h1>
            {lead && <p className="text-stone-600">{lead}</p>}
          </div>
          {children}
        </Card>
        {footer && <div className="mt-6 text-center text-sm text-stone-600">{footer}</div>}
      </main>
    </>
  );
}

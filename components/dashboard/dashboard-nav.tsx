// The dashboard's menu. "Stempeltablet" (pairing tablets) is for managers and owners, "Abonnement" for owners.
import { currentTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy/context";
import { DashboardNavLinks, type NavItem } from "./dashboard-nav-links";

const ITEMS: (NavItem & { manager?: boolean; owner?: boolean })[] = [
  { href: "/dashboard", key: "home" },
  { href: "/dashboard/cards", key: "cards" },
  { href: "/dashboard/customers", key: "customers" },
  { href: "/dashboard/insights", key: "insights" },
  { href: "/dashboard/campaigns", key: "campaigns" },
  { href: "/dashboard/tablet", key: "tablet", manager: true },
  { href: "/dashboard/team", key: "team" },
  { href: "/dashboard/settings", key: "settings" },
  { href: "/dashboard/billing", key: "billing", owner: true },
];

export async function DashboardNav() {
  const tenant = await currentTenant();
  const manager = !!tenant && hasRole(tenant.ctx, "MANAGER");
  const owner = !!tenant && hasRole(tenant.ctx, "OWNER");
  return <DashboardNavLinks items={ITEMS.filter((i) => (manager || !i.manager) && (owner || !i.owner)).map(({ href, key }) => ({ href, key }))} />;
}

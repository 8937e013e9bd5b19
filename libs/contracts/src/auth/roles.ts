/** The seed's roles (§14.2): admin plus the USEF roles, and anonymous for public access. */
export enum Role {
  Admin = 'admin',
  Prosumer = 'Prosumer',
  Supplier = 'Supplier',
  Aggregator = 'Aggregator',
  ESCo = 'ESCo',
  MDC = 'MDC',
  DSO = 'DSO',
  Anonymous = 'anonymous',
}

export const STANDARD_ROLES: readonly Role[] = Object.values(Role);

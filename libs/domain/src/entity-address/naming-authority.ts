/**
 * The naming authority of a USEF EA1 entity address: the organisation owning a
 * domain name since a given month. Written reversed in addresses, e.g.
 * `{ dateCode: '2021-01', domain: 'flexmeasures.io' }` → `ea1.2021-01.io.flexmeasures`.
 */
export interface NamingAuthority {
  /** YYYY-MM: the first month the domain was owned by this naming authority. */
  readonly dateCode: string;
  /** Forward notation, lower case, without port, e.g. `company.flexmeasures.io`. */
  readonly domain: string;
}

/** What the platform knows to work out its own naming authority. */
export interface NamingAuthoritySettings {
  /** FLEXMEASURES_HOSTS_AND_AUTH_START: domain → YYYY-MM. */
  readonly hostsAndAuthStart: Readonly<Record<string, string>>;
  /** The host the platform runs at, possibly with a port (`localhost:5000`). */
  readonly host: string;
}

/** The platform's authority plus the prefix every address it writes starts with. */
export interface PlatformNamingAuthority {
  readonly authority: NamingAuthority;
  /** e.g. `ea1.2021-01.io.flexmeasures` */
  readonly prefix: string;
}

export const EA1_SCHEME = 'ea1';

/**
 * Date code FlexMeasures used for its own examples before the authority became
 * configurable (`ea1.2018-06.localhost:…`, `ea1.2018-06.io.flexmeasures.company:…`).
 * Addresses written with it stay valid for the platform's own domain.
 */
export const LEGACY_DATE_CODE = '2018-06';

const DATE_CODE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isDateCode(text: string): boolean {
  return DATE_CODE.test(text);
}

/** A host as written (`Company.FlexMeasures.io`, `localhost:5000`, `example.org.`) split into domain and port. */
export function splitHost(host: string): { domain: string; port?: number } {
  const match = /^(.*?)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  const domain = (match?.[1] ?? '').replace(/\.$/, '');
  const port = match?.[2];
  return port === undefined ? { domain } : { domain, port: Number(port) };
}

/** `company.flexmeasures.io` ↔ `io.flexmeasures.company` (the operation is its own inverse). */
export function reverseDomainName(domain: string): string {
  return domain.split('.').reverse().join('.');
}

/** `ea1.<date code>.<reversed domain>` */
export function entityAddressPrefix(authority: NamingAuthority): string {
  return `${EA1_SCHEME}.${authority.dateCode}.${reverseDomainName(authority.domain)}`;
}

/**
 * The platform's own naming authority: the FLEXMEASURES_HOSTS_AND_AUTH_START
 * entry for the host's domain (port and case ignored), or the first entry if
 * the host is not listed.
 *
 * A missing or broken setting is the operator's mistake, not the client's, so
 * it throws a plain Error (a 500) rather than a DomainError; the config lib
 * already refuses such settings at start-up.
 */
export function namingAuthority(
  hostsAndAuthStart: Readonly<Record<string, string>>,
  host: string,
): PlatformNamingAuthority {
  const entries = Object.entries(hostsAndAuthStart).map(([key, dateCode]) => ({ domain: splitHost(key).domain, dateCode }));
  const { domain } = splitHost(host);
  const entry = entries.find((candidate) => candidate.domain === domain) ?? entries[0];
  if (entry === undefined || entry.domain === '') {
    throw new Error('FLEXMEASURES_HOSTS_AND_AUTH_START names no domain, so entity addresses cannot be written or read.');
  }
  if (!isDateCode(entry.dateCode)) {
    throw new Error(`FLEXMEASURES_HOSTS_AND_AUTH_START gives ${JSON.stringify(entry.dateCode)} for ${entry.domain}; write YYYY-MM.`);
  }
  const authority: NamingAuthority = { dateCode: entry.dateCode, domain: entry.domain };
  return { authority, prefix: entityAddressPrefix(authority) };
}

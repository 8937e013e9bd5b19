import { Role } from './roles';

/**
 * Who may call an endpoint. Every endpoint names its entry in ACCESS_TABLE;
 * the api's global guard enforces it and the service listing reads it, so
 * the two can never disagree.
 */
export type AccessRule =
  /** Anyone, without a token. */
  | { readonly kind: 'public' }
  /** Any active user with a valid token. */
  | { readonly kind: 'authenticated' }
  /** A user with one of these roles; with `self`, also the user whose id is in the path. */
  | { readonly kind: 'roles'; readonly roles: readonly Role[]; readonly self?: boolean }
  /** Operations: FLEXMEASURES_TASK_CHECK_AUTH_TOKEN, or an admin's token. */
  | { readonly kind: 'task-check-token' }
  /** Any user with a valid token; the service lets only the resource's owner or an admin through. */
  | { readonly kind: 'owner' };

const PUBLIC: AccessRule = { kind: 'public' };
const ADMIN: AccessRule = { kind: 'roles', roles: [Role.Admin] };
const ADMIN_OR_SELF: AccessRule = { kind: 'roles', roles: [Role.Admin], self: true };
const OPERATIONS: AccessRule = { kind: 'task-check-token' };
const OWNER_OR_ADMIN: AccessRule = { kind: 'owner' };
const ANY_USER: AccessRule = { kind: 'authenticated' };
/**
 * Time series: the admin and every USEF role (§14.2). The services then let a
 * user read and write only its own assets (admins: all); markets and weather
 * sensors are shared.
 */
const USEF_ROLES: AccessRule = { kind: 'roles', roles: [Role.Admin, Role.Aggregator, Role.Supplier, Role.MDC, Role.DSO, Role.Prosumer, Role.ESCo] };

export const ACCESS_TABLE = {
  'health.live': PUBLIC,
  'health.ready': PUBLIC,
  'platform.info': PUBLIC,
  'auth.requestAuthToken': PUBLIC,
  'auth.requestPasswordReset': PUBLIC,
  'auth.resetPassword': PUBLIC,
  'auth.whoami': { kind: 'authenticated' },
  'auth.login': PUBLIC,
  'auth.logout': PUBLIC,
  'auth.sessionToken': ANY_USER,
  'ops.pingJob': OPERATIONS,
  'ops.queues': OPERATIONS,
  'ops.taskRuns': OPERATIONS,
  'users.list': ADMIN,
  'users.get': ADMIN_OR_SELF,
  'users.patch': ADMIN_OR_SELF,
  'users.passwordReset': ADMIN,
  'users.delete': ADMIN,
  'assets.list': ANY_USER,
  'assets.create': ADMIN,
  'assets.get': OWNER_OR_ADMIN,
  'assets.patch': OWNER_OR_ADMIN,
  'assets.delete': OWNER_OR_ADMIN,
  'assets.state': OWNER_OR_ADMIN,
  'connections.get': ANY_USER,
  'services.get': PUBLIC,
  'api.versions': PUBLIC,
  'api.wrongMethod': PUBLIC,
  'data.postMeterData': USEF_ROLES,
  'data.postPrognosis': USEF_ROLES,
  'data.postPriceData': USEF_ROLES,
  'data.postWeatherData': USEF_ROLES,
  'data.uploadBeliefs': USEF_ROLES,
  'data.getMeterData': USEF_ROLES,
  'data.getPrognosis': USEF_ROLES,
  // Device control (§15.6–15.7): like the data services, a user controls only its own assets (admins: all).
  'control.postUdiEvent': USEF_ROLES,
  'control.getDeviceMessage': USEF_ROLES,
  // An asset's forecast accuracy is for its owner and admins; a market's or weather sensor's for any user (the service decides).
  'forecasting.accuracy': OWNER_OR_ADMIN,
} as const satisfies Record<string, AccessRule>;

export type AccessKey = keyof typeof ACCESS_TABLE;

/** The role names a rule admits, for listings (e.g. getService's `access`). */
export function rolesAdmitted(rule: AccessRule): readonly string[] {
  switch (rule.kind) {
    case 'public':
      return [Role.Anonymous];
    case 'authenticated':
    case 'owner':
      return Object.values(Role).filter((role) => role !== Role.Anonymous);
    case 'roles':
      return rule.roles;
    case 'task-check-token':
      return [Role.Admin];
  }
}

import { IConstruct } from 'constructs';
import { checkEnv, checkName, fail, field as join } from '../core';
import * as wire from '../wire/feast-dev';

/** Options of OIDC authorization. */
export interface OidcOptions {
  /** The identity provider, `https://…`. */
  readonly issuerUrl: string;
  /** A Secret with the servers' OIDC settings (`client_id`, …), one key per setting. @default - none */
  readonly secretName?: string;
  /** The environment variable clients read their token from. @default - `FEAST_OIDC_TOKEN`, else the pod's service-account token */
  readonly tokenEnvVar?: string;
  /** Verify the provider's TLS certificate. @default true */
  readonly verifySsl?: boolean;
}

/** Who may use the feature store (`authz`): exactly one of Kubernetes roles, OIDC or none. */
export class FeastAuthorization {
  /**
   * Callers are identified by their service-account token and authorised by Feast permissions
   * that name these roles; the operator makes a Role of each name, and `grantAccess` binds the
   * clients' service accounts to them. With no roles every authenticated caller has full access.
   */
  static kubernetes(roles: string[] = []): FeastAuthorization {
    return new FeastAuthorization('kubernetes', roles, undefined, (scope, field) => {
      roles.forEach((r, i) => checkName(scope, join(field, `roles[${i}]`), r));
      if (new Set(roles).size !== roles.length) fail(scope, join(field, 'roles'), 'lists a role twice', 'list each role once');
      return { kubernetes: { roles: roles.length ? roles : undefined } };
    });
  }

  /** Callers present an OIDC token (or their service-account token, which the servers review). */
  static oidc(options: OidcOptions): FeastAuthorization {
    return new FeastAuthorization('oidc', [], options.tokenEnvVar, (scope, field) => {
      if (!/^https:\/\/\S+$/.test(options.issuerUrl)) fail(scope, join(field, 'issuerUrl'), `"${options.issuerUrl}" is not an https URL`, "give the provider's issuer, e.g. 'https://keycloak.example.com/realms/ml'");
      if (options.secretName !== undefined) checkName(scope, join(field, 'secretName'), options.secretName);
      if (options.tokenEnvVar !== undefined) checkEnv(scope, join(field, 'tokenEnvVar'), { [options.tokenEnvVar]: '' });
      return { oidc: { issuerUrl: options.issuerUrl, secretRef: options.secretName ? { name: options.secretName } : undefined, tokenEnvVar: options.tokenEnvVar, verifySSL: options.verifySsl } };
    });
  }

  /** No authorization: anyone who reaches the servers may read and write. */
  static none(): FeastAuthorization {
    return new FeastAuthorization('none', [], undefined, () => ({ noAuth: true }));
  }

  private constructor(
    /** @internal */ public readonly _kind: 'kubernetes' | 'oidc' | 'none',
    /** @internal */ public readonly _roles: readonly string[],
    /** @internal */ public readonly _tokenEnvVar: string | undefined,
    private readonly render: (scope: IConstruct, field: string) => wire.Authz) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): wire.Authz {
    return this.render(scope, field);
  }
}

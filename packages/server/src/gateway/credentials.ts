/** App status; the gateway maps the non-active ones to `UnauthorizedOperation.*` (spec §5.3). */
export type AppStatus = 'activated' | 'not_activated' | 'arrears';

/** A SecretId resolved for signature verification. The SecretKey is decrypted only here, in memory. */
export interface ResolvedCredential {
  readonly secretId: string;
  readonly secretKey: string;
  readonly appId: string;
  readonly appStatus: AppStatus;
  readonly enabled: boolean;
}

/** What the gateway needs from the apps service; implemented by services/apps. */
export interface CredentialResolver {
  /** Returns null when the SecretId does not exist. */
  resolve(secretId: string): Promise<ResolvedCredential | null>;
  /** Records that the key was used (may be batched / throttled by the implementation). */
  markUsed(secretId: string, at: Date): void;
}

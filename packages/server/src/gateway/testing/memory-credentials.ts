import type { AppStatus, CredentialResolver, ResolvedCredential } from '../credentials.js';

/** A real, Map-backed CredentialResolver for tests and the benchmark (no database). */
export class MemoryCredentialResolver implements CredentialResolver {
  private readonly keys = new Map<string, ResolvedCredential>();
  readonly used: Array<{ secretId: string; at: Date }> = [];

  add(
    secretId: string,
    secretKey: string,
    appId: string,
    opts: { appStatus?: AppStatus; enabled?: boolean } = {},
  ): this {
    this.keys.set(secretId, {
      secretId,
      secretKey,
      appId,
      appStatus: opts.appStatus ?? 'activated',
      enabled: opts.enabled ?? true,
    });
    return this;
  }

  async resolve(secretId: string): Promise<ResolvedCredential | null> {
    return this.keys.get(secretId) ?? null;
  }

  markUsed(secretId: string, at: Date): void {
    if (this.used.length < 10_000) this.used.push({ secretId, at });
  }
}

// oidc-provider ships no types; the tests use it as an opaque OpenID Connect provider.
declare module 'oidc-provider';

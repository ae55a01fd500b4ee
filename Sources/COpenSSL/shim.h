#ifndef SENTRY_ASANA_COPENSSL_SHIM_H
#define SENTRY_ASANA_COPENSSL_SHIM_H
// Only libcrypto's digest and HMAC entry points: SHA-256 and HMAC-SHA256 for SigV4 and webhook
// signatures, MD5 for SQS's MD5OfMessageBody / MD5OfMessageAttributes.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>

// A digest algorithm looked up once by name, on OpenSSL 3 and 1.1 alike. OpenSSL 3 fetches it from its
// providers (EVP_MD_fetch, which it would otherwise repeat on every EVP_sha256() call); 1.1 has no providers and
// looks the name up in its static table. The Lambda packages build on Amazon Linux 2023 (OpenSSL 3), Debian
// bookworm has 3 too; the 1.1 path keeps older build images working.
static inline const EVP_MD *sentry_asana_fetch_digest(const char *name) {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    return EVP_MD_fetch(NULL, name, NULL);
#else
    return EVP_get_digestbyname(name);
#endif
}
#endif

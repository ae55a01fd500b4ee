#ifndef SENTRY_ASANA_COPENSSL_SHIM_H
#define SENTRY_ASANA_COPENSSL_SHIM_H
// Only libcrypto's digest and HMAC entry points: SHA-256 and HMAC-SHA256 for SigV4 and webhook
// signatures, MD5 for SQS's MD5OfMessageBody / MD5OfMessageAttributes.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#endif

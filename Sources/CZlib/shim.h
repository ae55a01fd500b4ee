#ifndef SENTRY_ASANA_CZLIB_SHIM_H
#define SENTRY_ASANA_CZLIB_SHIM_H
// zlib's deflate/inflate with a gzip wrapper: the producer compresses a webhook body that would not fit in one
// SQS message even base64-encoded (body_encoding=gzip+base64), the consumer inflates it. libz is already on
// every machine that has libcurl, and in Lambda's provided.al2023 (deploy/provided.al2023-libraries.txt).
#include <zlib.h>
#endif

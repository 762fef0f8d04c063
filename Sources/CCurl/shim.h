#ifndef CONFIANZA_CCURL_SHIM_H
#define CONFIANZA_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: these typed
// wrappers give each argument type its own entry point.

static inline CURLcode cfz_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode cfz_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode cfz_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode cfz_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*cfz_write_callback)(char *data, size_t size, size_t count, void *userdata);

static inline CURLcode cfz_easy_setopt_write_function(CURL *handle, CURLoption option, cfz_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode cfz_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode cfz_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

typedef int (*cfz_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                                     curl_off_t ulnow);

// Progress callback: lets a cancelled Swift task abort a running transfer.
static inline CURLcode cfz_easy_setopt_xferinfo_function(CURL *handle, CURLoption option, cfz_xferinfo_callback value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_off_t options (CURLOPT_POSTFIELDSIZE_LARGE) take a 64-bit argument, not a long.
static inline CURLcode cfz_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

// CURL_GLOBAL_ALL is a cast macro that Swift does not import.
static inline CURLcode cfz_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

// CURLAUTH_BASIC is a cast macro that Swift does not import.
static inline CURLcode cfz_easy_set_basic_auth(CURL *handle) {
    return curl_easy_setopt(handle, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
}

#endif

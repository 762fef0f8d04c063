// Ceiling 3: plain libcurl posting the same small JSON body as the generic sender, against the local
// fake gateway (ceiling-hello). Two shapes:
//   ceiling-curl easy  URL COUNT            one easy handle reused, one request at a time
//   ceiling-curl multi URL COUNT INFLIGHT   the multi interface with INFLIGHT reused easy handles
// Bounded by COUNT and by 60 s; prints one line: mode=… requests=… ok=… seconds=… rate=…
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *BODY =
    "{\"encoding\":\"gsm7\",\"id\":\"1\",\"segments\":1,\"text\":\"Aporte de S/ 20.00 anotado, pendiente de "
    "confirmar por el tesorero. Responda CORREGIR si es un error.\",\"to\":\"+51987000004\"}";
static const double LIMIT_SECONDS = 60.0;

static size_t discard(char *data, size_t size, size_t count, void *user) {
    (void)data;
    (void)user;
    return size * count;
}

static double seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static CURL *make_handle(const char *url, struct curl_slist *headers) {
    CURL *easy = curl_easy_init();
    if (!easy) return NULL;
    curl_easy_setopt(easy, CURLOPT_URL, url);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, BODY);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, (long)strlen(BODY));
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT, 15L);
    return easy;
}

static int ok_status(CURL *easy) {
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    return status >= 200 && status < 300;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s easy|multi URL COUNT [INFLIGHT]\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    const char *url = argv[2];
    long count = atol(argv[3]);
    long inflight = argc > 4 ? atol(argv[4]) : 16;
    if (count < 1 || count > 10000000 || inflight < 1 || inflight > 1024) {
        fprintf(stderr, "COUNT must be 1..10000000, INFLIGHT 1..1024\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    long done = 0, ok = 0;
    double start = seconds_now();

    if (strcmp(mode, "easy") == 0) {
        inflight = 1;
        CURL *easy = make_handle(url, headers);
        if (!easy) return 1;
        while (done < count && seconds_now() - start < LIMIT_SECONDS) {
            CURLcode code = curl_easy_perform(easy);
            done++;
            if (code == CURLE_OK && ok_status(easy)) ok++;
        }
        curl_easy_cleanup(easy);
    } else if (strcmp(mode, "multi") == 0) {
        CURLM *multi = curl_multi_init();
        CURL **handles = calloc((size_t)inflight, sizeof(CURL *));
        long started = 0;
        for (long i = 0; i < inflight && started < count; i++) {
            handles[i] = make_handle(url, headers);
            if (!handles[i]) return 1;
            curl_multi_add_handle(multi, handles[i]);
            started++;
        }
        int running = 1;
        while (done < started && seconds_now() - start < LIMIT_SECONDS) {
            curl_multi_perform(multi, &running);
            CURLMsg *message;
            int queued;
            while ((message = curl_multi_info_read(multi, &queued))) {
                if (message->msg != CURLMSG_DONE) continue;
                CURL *easy = message->easy_handle;
                done++;
                if (message->data.result == CURLE_OK && ok_status(easy)) ok++;
                curl_multi_remove_handle(multi, easy);
                if (started < count) {
                    curl_multi_add_handle(multi, easy);  // reused: keeps its connection
                    started++;
                }
            }
            if (done < started) curl_multi_poll(multi, NULL, 0, 100, NULL);
        }
        for (long i = 0; i < inflight; i++) {
            if (!handles[i]) continue;
            curl_multi_remove_handle(multi, handles[i]);
            curl_easy_cleanup(handles[i]);
        }
        free(handles);
        curl_multi_cleanup(multi);
    } else {
        fprintf(stderr, "mode must be easy or multi\n");
        return 2;
    }
    double seconds = seconds_now() - start;
    printf("mode=%s inflight=%ld requests=%ld ok=%ld seconds=%.3f rate=%.1f\n", mode, inflight, done, ok, seconds,
           (double)done / seconds);
    curl_slist_free_all(headers);
    curl_global_cleanup();
    return ok == done ? 0 : 1;
}

/*
 * The ceiling: the least an HTTP/1.1 server can do per request on this kernel, to measure others against.
 *
 *   ceiling [--port N] [--threads N]      (defaults: 8080, one thread per CPU this process may run on)
 *
 * Every request gets the same fixed 200 "Hello, World!" (headers the size of Gyre's, the Date taken once
 * at start). Nothing is parsed: a request ends at CRLF CRLF, and each end counted in what a read brought
 * is answered, in one write per read, so pipelined requests are answered in order and in bulk. Bodies are
 * not understood, so only body-less requests (GET /plaintext, pipelined or not) are answered correctly.
 *
 * One thread per CPU, each with its own SO_REUSEPORT listening socket and epoll set (edge-triggered), so
 * the kernel spreads connections over threads and no state is shared. A write the socket does not take
 * whole is kept and finished on EPOLLOUT; reading that connection waits until it is.
 *
 * Per connection, the request-end matcher:
 *
 *   state = how many bytes of "\r\n\r\n" the input ends with (0..3)
 *        '\r' ──▶ 1     1 ──'\n'──▶ 2     2 ──'\r'──▶ 3     3 ──'\n'──▶ 0, one request more
 *   any other byte ──▶ 0 (a '\r' anywhere ──▶ 1)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define READ_SIZE 65536
#define MAX_EVENTS 256

static char response[256];
static size_t response_len;
static int port = 8080;

struct conn {
    int fd;
    int state;          /* bytes of CRLF CRLF matched so far */
    char *pending;      /* what a write left unsent, or NULL */
    size_t pending_len;
    size_t pending_off;
};

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void close_conn(int epfd, struct conn *c) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->pending);
    free(c);
}

/* Sends what is pending; 1 when all is gone, 0 when the socket is full, -1 when the connection failed. */
static int flush_pending(struct conn *c) {
    while (c->pending_off < c->pending_len) {
        ssize_t n = send(c->fd, c->pending + c->pending_off, c->pending_len - c->pending_off, MSG_NOSIGNAL);
        if (n < 0) {
            return errno == EAGAIN ? 0 : -1;
        }
        c->pending_off += (size_t) n;
    }
    free(c->pending);
    c->pending = NULL;
    return 1;
}

/* Answers `count` requests; 0 when the connection goes on, -1 when it failed. */
static int answer(int epfd, struct conn *c, size_t count, char *out, size_t out_cap) {
    size_t len = 0;
    while (count > 0) {
        size_t batch = count < out_cap / response_len ? count : out_cap / response_len;
        for (size_t i = 0; i < batch; i++) {
            memcpy(out + len, response, response_len);
            len += response_len;
        }
        count -= batch;
        size_t off = 0;
        while (off < len) {
            ssize_t n = send(c->fd, out + off, len - off, MSG_NOSIGNAL);
            if (n < 0 && errno == EAGAIN) {
                break;
            }
            if (n < 0) {
                return -1;
            }
            off += (size_t) n;
        }
        if (off < len || count > 0) {
            if (off < len) {
                size_t rest = len - off + count * response_len;
                c->pending = malloc(rest);
                memcpy(c->pending, out + off, len - off);
                for (size_t i = 0, at = len - off; i < count; i++, at += response_len) {
                    memcpy(c->pending + at, response, response_len);
                }
                c->pending_len = rest;
                c->pending_off = 0;
                struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c};
                epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
                return 0;
            }
            len = 0;
        }
    }
    return 0;
}

/* Reads until the socket is empty, answering each read's requests; -1 when the connection is over. */
static int on_readable(int epfd, struct conn *c, char *in, char *out) {
    for (;;) {
        if (c->pending != NULL) {
            return 0; /* backpressure: read again once EPOLLOUT has drained the rest */
        }
        ssize_t n = recv(c->fd, in, READ_SIZE, 0);
        if (n == 0) {
            return -1;
        }
        if (n < 0) {
            return errno == EAGAIN ? 0 : -1;
        }
        size_t ends = 0;
        int state = c->state;
        for (ssize_t i = 0; i < n; i++) {
            char b = in[i];
            if (b == '\r') {
                state = state == 2 ? 3 : 1;
            } else if (b == '\n' && (state == 1 || state == 3)) {
                if (state == 3) {
                    ends++;
                    state = 0;
                } else {
                    state = 2;
                }
            } else {
                state = 0;
            }
        }
        c->state = state;
        if (ends > 0 && answer(epfd, c, ends, out, READ_SIZE) < 0) {
            return -1;
        }
    }
}

static int listener(void) {
    int fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        die("socket");
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0) {
        die("SO_REUSEPORT");
    }
    struct sockaddr_in6 addr = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t) port), .sin6_addr = in6addr_any};
    if (bind(fd, (struct sockaddr *) &addr, sizeof addr) < 0) {
        die("bind");
    }
    if (listen(fd, 4096) < 0) {
        die("listen");
    }
    return fd;
}

static void *serve(void *arg) {
    (void) arg;
    int lfd = listener();
    int epfd = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &ev);
    struct epoll_event events[MAX_EVENTS];
    char *in = malloc(READ_SIZE);
    char *out = malloc(READ_SIZE);
    for (;;) {
        int ready = epoll_wait(epfd, events, MAX_EVENTS, -1);
        for (int i = 0; i < ready; i++) {
            struct conn *c = events[i].data.ptr;
            if (c == NULL) {
                int fd;
                while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct conn *nc = calloc(1, sizeof *nc);
                    nc->fd = fd;
                    struct epoll_event cev = {.events = EPOLLIN | EPOLLET, .data.ptr = nc};
                    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &cev);
                }
                continue;
            }
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                close_conn(epfd, c);
                continue;
            }
            if (c->pending != NULL && (events[i].events & EPOLLOUT)) {
                int flushed = flush_pending(c);
                if (flushed < 0) {
                    close_conn(epfd, c);
                    continue;
                }
                if (flushed == 0) {
                    continue;
                }
                struct epoll_event cev = {.events = EPOLLIN | EPOLLET, .data.ptr = c};
                epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &cev);
            }
            /* After a flush the input may already be waiting: edge-triggered, so read it now. */
            if (on_readable(epfd, c, in, out) < 0) {
                close_conn(epfd, c);
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    cpu_set_t cpus;
    sched_getaffinity(0, sizeof cpus, &cpus);
    int threads = CPU_COUNT(&cpus);
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0) {
            port = atoi(argv[i + 1]);
        } else if (strcmp(argv[i], "--threads") == 0) {
            threads = atoi(argv[i + 1]);
        } else {
            fprintf(stderr, "usage: ceiling [--port N] [--threads N]\n");
            return 2;
        }
    }
    if (threads < 1 || port < 1 || port > 65535) {
        fprintf(stderr, "usage: ceiling [--port N] [--threads N]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    char date[64];
    time_t now = time(NULL);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", gmtime(&now));
    response_len = (size_t) snprintf(response, sizeof response,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: %s\r\nServer: ceil\r\n"
            "Content-Length: 13\r\n\r\nHello, World!", date);
    fprintf(stderr, "ceiling: port %d, %d threads\n", port, threads);
    pthread_t ids[threads];
    for (int t = 0; t < threads; t++) {
        pthread_create(&ids[t], NULL, serve, NULL);
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
    }
    return 0;
}

/*
 * Checks the relayed output of the relay benchmark.
 *
 * usage: verify FILE LINES
 *
 * A payload line is anything that ends with "<10 digits> <filler>"; whatever
 * precedes it (a "name | " prefix) is ignored. Every number 0..LINES-1 must
 * appear exactly once. Lines that carry a piece of the filler but are not a
 * whole payload line count as damaged (split or interleaved); other lines
 * (the supervisor's own messages) are counted and ignored.
 * Prints one JSON object on stdout.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIGITS 10
static const char FILLER[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop";
#define FILLER_LEN (sizeof FILLER - 1)
#define PAYLOAD_LEN (DIGITS + 1 + FILLER_LEN)

static int carries_filler(const char *line, size_t len)
{
    for (size_t off = 0; off + 8 <= FILLER_LEN; off += 8) {
        if (memmem(line, len, FILLER + off, 8) != NULL) {
            return 1;
        }
    }
    return 0;
}

static long long parse_number(const char *p)
{
    long long n = 0;
    for (int i = 0; i < DIGITS; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }
        n = n * 10 + (p[i] - '0');
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: verify FILE LINES\n", stderr);
        return 2;
    }
    long long expected = atoll(argv[2]);
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(argv[1]);
        return 1;
    }
    size_t size = (size_t) st.st_size;
    const char *data = size > 0 ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : "";
    if (data == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    unsigned char *seen = calloc((size_t) expected / 8 + 1, 1);
    long long lines = 0, unique = 0, duplicates = 0, damaged = 0, other = 0, unterminated = 0;
    long long prefix_len = -1;
    const char *p = data, *end = data + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t) (end - p));
        if (nl == NULL) {
            unterminated = 1;
            nl = end;
        }
        size_t len = (size_t) (nl - p);
        lines++;
        long long n = -1;
        if (len >= PAYLOAD_LEN && memcmp(nl - FILLER_LEN, FILLER, FILLER_LEN) == 0
            && nl[-(long) FILLER_LEN - 1] == ' ') {
            n = parse_number(nl - PAYLOAD_LEN);
        }
        if (n >= 0 && n < expected) {
            if (prefix_len < 0) {
                prefix_len = (long long) (len - PAYLOAD_LEN);
            }
            if (seen[n / 8] & (1u << (n % 8))) {
                duplicates++;
            } else {
                seen[n / 8] |= (unsigned char) (1u << (n % 8));
                unique++;
            }
        } else if (carries_filler(p, len)) {
            damaged++;
            if (damaged <= 3) {
                fprintf(stderr, "verify: damaged line %lld: %.*s\n", lines, (int) (len > 160 ? 160 : len), p);
            }
        } else {
            other++;
        }
        p = nl + 1;
    }
    printf("{\"bytes\": %zu, \"lines\": %lld, \"expected\": %lld, \"unique\": %lld, \"missing\": %lld, "
           "\"duplicates\": %lld, \"damaged\": %lld, \"other\": %lld, \"unterminated\": %lld, \"prefix_len\": %lld}\n",
           size, lines, expected, unique, expected - unique, duplicates, damaged, other, unterminated, prefix_len);
    return 0;
}

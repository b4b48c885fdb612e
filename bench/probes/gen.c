/*
 * Output generator for the relay benchmark.
 *
 * usage: gen LINES DELAY_MS STAMP_FILE
 *
 * Sleeps DELAY_MS (so the supervisor has settled), writes "<CLOCK_REALTIME in
 * ns>\n" to STAMP_FILE, then writes LINES numbered lines of exactly 80 bytes
 * to stdout and exits 0:
 *
 *   0000000000 abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop\n
 *
 * The number is incremented in place and lines are written in 64,000-byte
 * blocks, so the generator runs at several GB/s and is never the bottleneck.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DIGITS 10
#define LINE_LEN 80
#define LINES_PER_BLOCK 800
static const char FILLER[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop";

static void write_all(const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, data, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("gen: write");
            exit(1);
        }
        data += n;
        len -= (size_t) n;
    }
}

static void stamp(const char *path)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    fprintf(f, "%lld\n", (long long) now.tv_sec * 1000000000LL + now.tv_nsec);
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: gen LINES DELAY_MS STAMP_FILE\n", stderr);
        return 2;
    }
    long long lines = atoll(argv[1]);
    long delay_ms = atol(argv[2]);
    _Static_assert(DIGITS + 1 + sizeof FILLER - 1 + 1 == LINE_LEN, "line length");

    static char block[LINES_PER_BLOCK * LINE_LEN];
    char number[DIGITS];
    memset(number, '0', DIGITS);

    struct timespec delay = { delay_ms / 1000, (delay_ms % 1000) * 1000000L };
    nanosleep(&delay, NULL);
    stamp(argv[3]);

    size_t used = 0;
    for (long long i = 0; i < lines; i++) {
        char *line = block + used;
        memcpy(line, number, DIGITS);
        line[DIGITS] = ' ';
        memcpy(line + DIGITS + 1, FILLER, sizeof FILLER - 1);
        line[LINE_LEN - 1] = '\n';
        used += LINE_LEN;
        if (used == sizeof block) {
            write_all(block, used);
            used = 0;
        }
        for (int d = DIGITS - 1; d >= 0 && ++number[d] > '9'; d--) {
            number[d] = '0';
        }
    }
    write_all(block, used);
    return 0;
}

/*
 * Idle service for the benchmarks.
 *
 * usage: stamp FILE
 *
 * As the very first thing it appends one line "<CLOCK_REALTIME in ns> <pid>\n"
 * to FILE (a single O_APPEND write, so concurrent services never interleave),
 * then waits in pause() until a signal ends it. The stamp is the moment the
 * service is running, which lets the benchmark measure "kill -> replacement
 * running" and "launch -> N services running" without polling the supervisor.
 */
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (argc != 2) {
        fputs("usage: stamp FILE\n", stderr);
        return 2;
    }
    char line[64];
    int len = snprintf(line, sizeof line, "%lld %d\n",
                       (long long) now.tv_sec * 1000000000LL + now.tv_nsec, (int) getpid());
    int fd = open(argv[1], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, line, (size_t) len) != len) {
        perror(argv[1]);
        return 1;
    }
    close(fd);
    for (;;) {
        pause();
    }
}

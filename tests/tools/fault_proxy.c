/*
 * fault_proxy.c - a TCP proxy on loopback between the console and issu-sim,
 * one listening port per RE, that a test script tells to misbehave: stall
 * (a black hole: every connection kept open, nothing forwarded either way,
 * like a dead link or a hung RE whose kernel still ACKs), resume, drop
 * every connection (FIN or RST), delay what it forwards, refuse new
 * connections.  SSH is encrypted, so the test decides *when* from the
 * simulator's --event-log, not from the bytes seen here.
 *
 * Usage: fault_proxy -c CONTROL_FIFO -p PORTS_FILE [-t SECONDS]
 *            TARGET_PORT [TARGET_PORT...]
 * For each target port (on 127.0.0.1) it listens on a free loopback port and
 * writes "TARGET LISTEN" lines to PORTS_FILE (renamed into place when
 * complete).  Commands are lines written to the FIFO; stall, resume, pass,
 * drop, refuse and accept may end in "reN" (the N-th target port given,
 * from 0) to act on that RE alone:
 *   pass | resume     forward normally (and accept again after refuse)
 *   stall             stop forwarding both ways; keep every connection;
 *                     new connections are left in the kernel's queue
 *   hang              stall the connections open now, for good (resume
 *                     does not revive them); new ones pass: a session
 *                     dead with nothing closed on an RE still reachable
 *   drop | drop fin   close every connection (FIN)
 *   drop rst          close every connection with a reset (RST)
 *   delay MS          hold every byte MS milliseconds before forwarding
 *   refuse            close the listening sockets: connections refused
 *   accept            listen again (as pass, without changing stall/delay)
 * Each command applied is acknowledged by a line "ok N CMD" appended to
 * CONTROL_FIFO.ack (N counts commands), so a test knows it took effect.
 *
 * It exits by itself: after -t seconds (default 600), when its parent
 * ends (PR_SET_PDEATHSIG and a parent check), on SIGTERM/SIGINT, or on
 * "quit".  It binds and connects to 127.0.0.1 only.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum {
	FP_MAX_PORTS = 4,
	FP_MAX_CONNS = 64,
	FP_CHUNK = 16384,
	FP_MAX_QUEUED = 1 << 20,	/* per direction: stop reading beyond */
};

/* Bytes read at `at`, forwarded once at + delay has passed. */
struct fp_chunk {
	long long at;
	size_t len, off;
	struct fp_chunk *next;
	char data[];
};

/* One direction of a connection: read from `from`, written to `to`. */
struct fp_dir {
	struct fp_chunk *head, *tail;
	size_t queued;
	bool eof;			/* `from` closed: shut `to` down once
					   the queue is written */
	bool shut;
};

struct fp_conn {
	int fd[2];			/* [0] client side, [1] target side;
					   -1 when unused */
	bool connecting;		/* target connect in progress */
	int target;			/* index of its listening port */
	bool hung;			/* `hang`: never forwarded again */
	struct fp_dir dir[2];		/* [0] client->target, [1] back */
};

static struct {
	int ntargets;
	int target[FP_MAX_PORTS];
	int listen_port[FP_MAX_PORTS];
	int lfd[FP_MAX_PORTS];
	struct fp_conn conn[FP_MAX_CONNS];
	bool stall[FP_MAX_PORTS], refuse[FP_MAX_PORTS];
	long long delay_ms;
	int ctl;
	char ctlbuf[512];
	size_t ctllen;
	const char *ack_path;
	int ncommands;
} fp;

static volatile sig_atomic_t fp_stop;

static void
fp_on_signal(int sig)
{
	(void)sig;
	fp_stop = 1;
}

static long long
fp_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int
fp_listen(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((unsigned short)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(fd, 64) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
fp_bound_port(int fd)
{
	struct sockaddr_in a;
	socklen_t l = sizeof a;

	if (getsockname(fd, (struct sockaddr *)&a, &l) != 0)
		return -1;
	return ntohs(a.sin_port);
}

static void
fp_dir_clear(struct fp_dir *d)
{
	struct fp_chunk *c;

	while ((c = d->head) != NULL) {
		d->head = c->next;
		free(c);
	}
	memset(d, 0, sizeof *d);
}

/* Closes both sides; rst: with a reset instead of a FIN. */
static void
fp_conn_close(struct fp_conn *c, bool rst)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (c->fd[i] >= 0) {
			if (rst) {
				struct linger l = { .l_onoff = 1, .l_linger = 0 };

				setsockopt(c->fd[i], SOL_SOCKET, SO_LINGER, &l,
				    sizeof l);
			}
			close(c->fd[i]);
		}
		c->fd[i] = -1;
		fp_dir_clear(&c->dir[i]);
	}
	c->connecting = false;
	c->hung = false;
}

static void
fp_accept(int i)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((unsigned short)fp.target[i]),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct fp_conn *c = NULL;
	int cfd, tfd, k, one = 1;

	cfd = accept4(fp.lfd[i], NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0)
		return;
	for (k = 0; k < FP_MAX_CONNS; k++)
		if (fp.conn[k].fd[0] < 0) {
			c = &fp.conn[k];
			break;
		}
	tfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c == NULL || tfd < 0) {
		close(cfd);
		if (tfd >= 0)
			close(tfd);
		return;
	}
	setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(tfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(tfd, (struct sockaddr *)&a, sizeof a) != 0 &&
	    errno != EINPROGRESS) {
		close(cfd);
		close(tfd);
		return;
	}
	c->fd[0] = cfd;
	c->fd[1] = tfd;
	c->target = i;
	c->connecting = true;
}

/* Reads what `from` has into dir's queue. */
static void
fp_read(struct fp_conn *c, int from)
{
	struct fp_dir *d = &c->dir[from];
	struct fp_chunk *ch = malloc(sizeof *ch + FP_CHUNK);
	ssize_t n;

	if (ch == NULL)
		return;
	n = read(c->fd[from], ch->data, FP_CHUNK);
	if (n <= 0) {
		free(ch);
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			d->eof = true;
		return;
	}
	ch->at = fp_now_ms();
	ch->len = (size_t)n;
	ch->off = 0;
	ch->next = NULL;
	if (d->tail != NULL)
		d->tail->next = ch;
	else
		d->head = ch;
	d->tail = ch;
	d->queued += (size_t)n;
}

/* Writes what is due of dir `from` to the other side. */
static void
fp_write(struct fp_conn *c, int from, long long now)
{
	struct fp_dir *d = &c->dir[from];
	int to = c->fd[1 - from];
	struct fp_chunk *ch;

	while ((ch = d->head) != NULL && ch->at + fp.delay_ms <= now) {
		ssize_t n = write(to, ch->data + ch->off, ch->len - ch->off);

		if (n < 0)
			return;
		ch->off += (size_t)n;
		d->queued -= (size_t)n;
		if (ch->off < ch->len)
			return;
		d->head = ch->next;
		if (d->head == NULL)
			d->tail = NULL;
		free(ch);
	}
	if (d->head == NULL && d->eof && !d->shut) {
		shutdown(to, SHUT_WR);
		d->shut = true;
	}
}

static void
fp_ack(const char *cmd)
{
	FILE *f = fopen(fp.ack_path, "a");

	if (f != NULL) {
		fprintf(f, "ok %d %s\n", fp.ncommands, cmd);
		fclose(f);
	}
}

static void
fp_set_listening(int only, bool on)
{
	int i;

	for (i = 0; i < fp.ntargets; i++) {
		if (only >= 0 && i != only)
			continue;
		if (on && fp.lfd[i] < 0)
			fp.lfd[i] = fp_listen(fp.listen_port[i]);
		else if (!on && fp.lfd[i] >= 0) {
			close(fp.lfd[i]);
			fp.lfd[i] = -1;
		}
	}
}

static void
fp_command(char *line)
{
	char verb[32] = "", arg[32] = "", re[8] = "";
	int k, only = -1, i;

	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '\0')
		return;
	fp.ncommands++;
	sscanf(line, "%31s %31s %7s", verb, arg, re);
	/* "drop rst re0", "stall re1": the RE is the last word. */
	if (strncmp(arg, "re", 2) == 0) {
		only = atoi(arg + 2);
		arg[0] = '\0';
	} else if (strncmp(re, "re", 2) == 0)
		only = atoi(re + 2);
	if (only >= fp.ntargets) {
		fprintf(stderr, "fault_proxy: no such RE in '%s'\n", line);
		fp_ack("error");
		return;
	}
	if (strcmp(verb, "pass") == 0 || strcmp(verb, "resume") == 0) {
		for (i = 0; i < fp.ntargets; i++)
			if (only < 0 || i == only)
				fp.stall[i] = fp.refuse[i] = false;
		if (only < 0)
			fp.delay_ms = 0;
		fp_set_listening(only, true);
	} else if (strcmp(verb, "hang") == 0) {
		for (k = 0; k < FP_MAX_CONNS; k++)
			if (fp.conn[k].fd[0] >= 0 && (only < 0 ||
			    fp.conn[k].target == only))
				fp.conn[k].hung = true;
	} else if (strcmp(verb, "stall") == 0) {
		for (i = 0; i < fp.ntargets; i++)
			if (only < 0 || i == only)
				fp.stall[i] = true;
	} else if (strcmp(verb, "drop") == 0 && (arg[0] == '\0' ||
	    strcmp(arg, "fin") == 0 || strcmp(arg, "rst") == 0)) {
		for (k = 0; k < FP_MAX_CONNS; k++)
			if (fp.conn[k].fd[0] >= 0 && (only < 0 ||
			    fp.conn[k].target == only))
				fp_conn_close(&fp.conn[k], strcmp(arg, "rst") == 0);
	} else if (strcmp(verb, "delay") == 0 && arg[0] != '\0')
		fp.delay_ms = atoll(arg);
	else if (strcmp(verb, "refuse") == 0) {
		for (i = 0; i < fp.ntargets; i++)
			if (only < 0 || i == only)
				fp.refuse[i] = true;
		fp_set_listening(only, false);
	} else if (strcmp(verb, "accept") == 0) {
		for (i = 0; i < fp.ntargets; i++)
			if (only < 0 || i == only)
				fp.refuse[i] = false;
		fp_set_listening(only, true);
	} else if (strcmp(verb, "quit") == 0)
		fp_stop = 1;
	else {
		fprintf(stderr, "fault_proxy: unknown command '%s'\n", line);
		fp_ack("error");
		return;
	}
	fp_ack(line);
}

static void
fp_control(void)
{
	ssize_t n = read(fp.ctl, fp.ctlbuf + fp.ctllen,
	    sizeof fp.ctlbuf - 1 - fp.ctllen);
	char *nl;

	if (n <= 0)
		return;
	fp.ctllen += (size_t)n;
	fp.ctlbuf[fp.ctllen] = '\0';
	while ((nl = strchr(fp.ctlbuf, '\n')) != NULL) {
		*nl = '\0';
		fp_command(fp.ctlbuf);
		fp.ctllen -= (size_t)(nl + 1 - fp.ctlbuf);
		memmove(fp.ctlbuf, nl + 1, fp.ctllen + 1);
	}
	if (fp.ctllen == sizeof fp.ctlbuf - 1)
		fp.ctllen = 0;	/* a line too long: dropped */
}

static void
fp_usage(void)
{
	fprintf(stderr, "usage: fault_proxy -c CONTROL_FIFO -p PORTS_FILE "
	    "[-t SECONDS] TARGET_PORT...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *ctl_path = NULL, *ports_path = NULL;
	char ack[1024], tmp[1024];
	long long deadline;
	long lifetime = 600;
	pid_t parent = getppid();
	int opt, i, k;
	FILE *f;

	while ((opt = getopt(argc, argv, "c:p:t:")) != -1) {
		switch (opt) {
		case 'c': ctl_path = optarg; break;
		case 'p': ports_path = optarg; break;
		case 't': lifetime = atol(optarg); break;
		default: fp_usage();
		}
	}
	if (ctl_path == NULL || ports_path == NULL || optind >= argc ||
	    argc - optind > FP_MAX_PORTS || lifetime <= 0)
		fp_usage();
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		return 1;
	signal(SIGTERM, fp_on_signal);
	signal(SIGINT, fp_on_signal);
	signal(SIGPIPE, SIG_IGN);
	snprintf(ack, sizeof ack, "%s.ack", ctl_path);
	fp.ack_path = ack;
	for (k = 0; k < FP_MAX_CONNS; k++)
		fp.conn[k].fd[0] = fp.conn[k].fd[1] = -1;
	/* O_RDWR: the FIFO never reads as ended between two writers. */
	if ((fp.ctl = open(ctl_path, O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0) {
		fprintf(stderr, "fault_proxy: %s: %s\n", ctl_path,
		    strerror(errno));
		return 1;
	}
	fp.ntargets = argc - optind;
	snprintf(tmp, sizeof tmp, "%s.tmp", ports_path);
	if ((f = fopen(tmp, "w")) == NULL)
		return 1;
	for (i = 0; i < fp.ntargets; i++) {
		fp.target[i] = atoi(argv[optind + i]);
		if (fp.target[i] <= 0 || fp.target[i] > 65535 ||
		    (fp.lfd[i] = fp_listen(0)) < 0) {
			fprintf(stderr, "fault_proxy: cannot listen for %s\n",
			    argv[optind + i]);
			return 1;
		}
		fp.listen_port[i] = fp_bound_port(fp.lfd[i]);
		fprintf(f, "%d %d\n", fp.target[i], fp.listen_port[i]);
	}
	fclose(f);
	rename(tmp, ports_path);
	deadline = fp_now_ms() + lifetime * 1000;

	while (!fp_stop && fp_now_ms() < deadline && getppid() == parent) {
		struct pollfd pfd[1 + FP_MAX_PORTS + 2 * FP_MAX_CONNS];
		int idx[1 + FP_MAX_PORTS + 2 * FP_MAX_CONNS];
		int n = 0, wait_ms = 200;
		long long now = fp_now_ms();

		pfd[n] = (struct pollfd){ .fd = fp.ctl, .events = POLLIN };
		idx[n++] = -1;
		/* Stalled: new connections wait in the kernel's queue. */
		for (i = 0; i < fp.ntargets; i++)
			if (fp.lfd[i] >= 0 && !fp.stall[i]) {
				pfd[n] = (struct pollfd){ .fd = fp.lfd[i],
					.events = POLLIN };
				idx[n++] = -2 - i;
			}
		for (k = 0; k < FP_MAX_CONNS; k++) {
			struct fp_conn *c = &fp.conn[k];

			if (c->fd[0] < 0 || fp.stall[c->target] || c->hung)
				continue;
			for (i = 0; i < 2; i++) {
				struct fp_dir *in = &c->dir[i], *out = &c->dir[1 - i];
				short ev = 0;

				if (c->connecting) {
					if (i == 1)
						ev = POLLOUT;
				} else {
					if (!in->eof && in->queued < FP_MAX_QUEUED)
						ev |= POLLIN;
					if (out->head != NULL) {
						long long due = out->head->at +
						    fp.delay_ms;

						if (due <= now)
							ev |= POLLOUT;
						else if (due - now < wait_ms)
							wait_ms = (int)(due - now) + 1;
					}
				}
				pfd[n] = (struct pollfd){ .fd = c->fd[i],
					.events = ev };
				idx[n++] = k * 2 + i;
			}
		}
		if (poll(pfd, (nfds_t)n, wait_ms) < 0 && errno != EINTR)
			break;
		now = fp_now_ms();
		for (i = 0; i < n; i++) {
			struct fp_conn *c;
			int side;

			if (pfd[i].revents == 0)
				continue;
			if (idx[i] == -1) {
				fp_control();
				continue;
			}
			if (idx[i] <= -2) {
				if (!fp.stall[-2 - idx[i]] && fp.lfd[-2 - idx[i]] >= 0)
					fp_accept(-2 - idx[i]);
				continue;
			}
			c = &fp.conn[idx[i] / 2];
			side = idx[i] % 2;
			if (c->fd[0] < 0 || fp.stall[c->target] || c->hung)
				continue;	/* dropped or stalled by a command */
			if (c->connecting && side == 1) {
				int err = 0;
				socklen_t el = sizeof err;

				getsockopt(c->fd[1], SOL_SOCKET, SO_ERROR, &err, &el);
				if (err != 0) {
					fp_conn_close(c, false);
					continue;
				}
				c->connecting = false;
				continue;
			}
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
				fp_read(c, side);
			if (pfd[i].revents & POLLOUT)
				fp_write(c, 1 - side, now);
		}
		/* Nothing left to do on a connection whose both ways ended. */
		for (k = 0; k < FP_MAX_CONNS; k++) {
			struct fp_conn *c = &fp.conn[k];

			if (c->fd[0] < 0 || c->connecting || fp.stall[c->target] ||
			    c->hung)
				continue;
			fp_write(c, 0, now);
			fp_write(c, 1, now);
			if (c->dir[0].shut && c->dir[1].shut)
				fp_conn_close(c, false);
		}
	}
	for (k = 0; k < FP_MAX_CONNS; k++)
		if (fp.conn[k].fd[0] >= 0)
			fp_conn_close(&fp.conn[k], false);
	return 0;
}

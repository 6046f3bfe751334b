/*
 * event_queue.c - workers' events to the main loop (see event_queue.h).
 *
 * The pipe carries one byte per event, written after the event is linked;
 * the owner reads one byte per pop.  A pop can come between a push's link
 * and its write, and then finds no byte: that byte arrives later with no
 * event left for it, and would keep the fd readable (the owner spinning,
 * seen as 10x the polls in bench_stream) if it were not counted (late) and
 * read by the next pop that finds the queue empty.  So the fd is readable
 * while events wait, and at most once more after.
 */
#include "sessions/event_queue.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct event_queue {
	pthread_mutex_t mu;
	struct re_event *head, *tail;	/* under mu */
	unsigned late;			/* owner only: bytes of popped events
					   that were not written yet */
	int pipe[2];			/* [0] polled by the owner */
};

struct event_queue *
event_queue_new(void)
{
	struct event_queue *q = calloc(1, sizeof *q);

	if (q == NULL)
		return NULL;
	if (pipe2(q->pipe, O_CLOEXEC) != 0) {
		free(q);
		return NULL;
	}
	/* The read end never blocks the owner; the write end must never
	 * lose a byte, so it stays blocking (the owner drains it). */
	fcntl(q->pipe[0], F_SETFL, O_NONBLOCK);
	pthread_mutex_init(&q->mu, NULL);
	return q;
}

void
event_queue_free(struct event_queue *q)
{
	struct re_event *ev;

	if (q == NULL)
		return;
	while ((ev = q->head) != NULL) {
		q->head = ev->next;
		re_event_free(ev);
	}
	close(q->pipe[0]);
	close(q->pipe[1]);
	pthread_mutex_destroy(&q->mu);
	free(q);
}

int
event_queue_fd(const struct event_queue *q)
{
	return q->pipe[0];
}

void
event_queue_push(struct event_queue *q, struct re_event *ev)
{
	char c = 1;

	ev->next = NULL;
	pthread_mutex_lock(&q->mu);
	if (q->tail != NULL)
		q->tail->next = ev;
	else
		q->head = ev;
	q->tail = ev;
	pthread_mutex_unlock(&q->mu);
	while (write(q->pipe[1], &c, 1) < 0 && errno == EINTR)
		;
}

struct re_event *
event_queue_pop(struct event_queue *q)
{
	struct re_event *ev;
	char c;

	pthread_mutex_lock(&q->mu);
	ev = q->head;
	if (ev != NULL) {
		q->head = ev->next;
		if (q->head == NULL)
			q->tail = NULL;
	}
	pthread_mutex_unlock(&q->mu);
	/*
	 * Only the count of bytes matters, not whose they are: the bytes
	 * written or still to be written stay at least the events pending,
	 * since no more than `late` extra ones are ever read.
	 */
	if (ev != NULL) {
		if (read(q->pipe[0], &c, 1) != 1)
			q->late++;
	} else
		while (q->late > 0 && read(q->pipe[0], &c, 1) == 1)
			q->late--;
	return ev;
}

void
re_event_free(struct re_event *ev)
{
	if (ev == NULL)
		return;
	free(ev->text);
	free(ev);
}

const char *
re_disconnect_reason_name(enum re_disconnect_reason r)
{
	static const char *const names[] = {
		[RE_DISC_NONE] = "none",
		[RE_DISC_REFUSED] = "refused",
		[RE_DISC_TIMEOUT] = "timeout",
		[RE_DISC_CLOSED] = "closed by peer",
		[RE_DISC_AUTH_FAILED] = "authentication failed",
		[RE_DISC_HOSTKEY_UNKNOWN] = "host key unknown",
		[RE_DISC_HOSTKEY_UNCHECKED] = "host key not checked",
		[RE_DISC_HOSTKEY_CHANGED] = "host key changed",
		[RE_DISC_CANCELLED] = "cancelled",
		[RE_DISC_ERROR] = "error",
	};

	if ((unsigned)r >= sizeof names / sizeof names[0] || names[r] == NULL)
		return "error";
	return names[r];
}

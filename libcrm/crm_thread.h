/*
 * crm_thread: how libcrm starts a thread (crm_ahead's reader, the second
 * half of a split input): with every signal blocked, because signals
 * (SIGINT cleaning up -o FILE, SIGPIPE) are the main thread's business.
 */
#ifndef CRM_THREAD_H
#define CRM_THREAD_H

#include <pthread.h>

/* Start fn(arg) in a new thread with every signal blocked.  Returns
 * pthread_create's result (0, or an errno value; nothing started). */
int crm_thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

#endif

/*
 * ARINC 653 Part 1 APEX for C on bulkhead: the basic types.
 *
 * The names, types and values follow the standard's C binding, so that an
 * application written for another ARINC 653 kernel compiles unchanged.
 * Every service reports its outcome in a RETURN_CODE_TYPE out-parameter.
 * Times are SYSTEM_TIME_TYPE nanoseconds; INFINITE_TIME_VALUE (-1) waits
 * forever.  The limits below are bulkhead's (guests/apex).
 */
#ifndef ARINC653_TYPES_H
#define ARINC653_TYPES_H

typedef unsigned char APEX_BYTE;
typedef long APEX_INTEGER;
typedef unsigned long APEX_UNSIGNED;
typedef long long APEX_LONG_INTEGER;

typedef enum {
	NO_ERROR = 0,        /* request valid and operation performed */
	NO_ACTION = 1,       /* system's state unchanged by the request */
	NOT_AVAILABLE = 2,   /* the request cannot be performed immediately */
	INVALID_PARAM = 3,   /* a parameter is out of range */
	INVALID_CONFIG = 4,  /* a parameter is incompatible with the configuration */
	INVALID_MODE = 5,    /* the request is incompatible with the current mode */
	TIMED_OUT = 6        /* the time-out expired */
} RETURN_CODE_TYPE;

#define MAX_NAME_LENGTH 30
typedef char NAME_TYPE[MAX_NAME_LENGTH];

typedef void (*SYSTEM_ADDRESS_TYPE);
typedef APEX_BYTE *MESSAGE_ADDR_TYPE;
typedef APEX_INTEGER MESSAGE_SIZE_TYPE;
typedef APEX_INTEGER MESSAGE_RANGE_TYPE;

typedef enum { SOURCE = 0, DESTINATION = 1 } PORT_DIRECTION_TYPE;
typedef enum { FIFO = 0, PRIORITY = 1 } QUEUING_DISCIPLINE_TYPE;

typedef APEX_LONG_INTEGER SYSTEM_TIME_TYPE;   /* nanoseconds */
#define INFINITE_TIME_VALUE ((SYSTEM_TIME_TYPE)-1)

/* bulkhead's limits (the standard leaves them to the implementation). */
#define SYSTEM_LIMIT_NUMBER_OF_PARTITIONS   8
#define SYSTEM_LIMIT_NUMBER_OF_MESSAGES     64
#define SYSTEM_LIMIT_MESSAGE_SIZE           8192
#define SYSTEM_LIMIT_NUMBER_OF_PROCESSES    20
#define SYSTEM_LIMIT_NUMBER_OF_SAMPLING_PORTS 16
#define SYSTEM_LIMIT_NUMBER_OF_QUEUING_PORTS  16
#define SYSTEM_LIMIT_NUMBER_OF_BUFFERS      8
#define SYSTEM_LIMIT_NUMBER_OF_BLACKBOARDS  8
#define SYSTEM_LIMIT_NUMBER_OF_SEMAPHORES   8
#define SYSTEM_LIMIT_NUMBER_OF_EVENTS       8

#endif

/* Status codes as text, for messages and test output. */
#include "score.h"

static const char *const status_names[] = {
	[RTOS_SUCCESSFUL] = "successful",
	[RTOS_TASK_EXITTED] = "task exitted",
	[RTOS_INVALID_NAME] = "invalid name",
	[RTOS_INVALID_ID] = "invalid id",
	[RTOS_TOO_MANY] = "too many",
	[RTOS_TIMEOUT] = "timeout",
	[RTOS_OBJECT_WAS_DELETED] = "object was deleted",
	[RTOS_INVALID_SIZE] = "invalid size",
	[RTOS_INVALID_ADDRESS] = "invalid address",
	[RTOS_INVALID_NUMBER] = "invalid number",
	[RTOS_NOT_DEFINED] = "not defined",
	[RTOS_RESOURCE_IN_USE] = "resource in use",
	[RTOS_UNSATISFIED] = "unsatisfied",
	[RTOS_INCORRECT_STATE] = "incorrect state",
	[RTOS_ALREADY_SUSPENDED] = "already suspended",
	[RTOS_ILLEGAL_ON_SELF] = "illegal on self",
	[RTOS_CALLED_FROM_ISR] = "called from ISR",
	[RTOS_INVALID_PRIORITY] = "invalid priority",
	[RTOS_INVALID_CLOCK] = "invalid clock",
	[RTOS_NOT_CONFIGURED] = "not configured",
	[RTOS_NOT_OWNER_OF_RESOURCE] = "not owner of resource",
	[RTOS_NOT_IMPLEMENTED] = "not implemented",
	[RTOS_INTERNAL_ERROR] = "internal error",
	[RTOS_NO_MEMORY] = "no memory",
	[RTOS_IO_ERROR] = "I/O error",
};

const char *rtos_status_text(rtos_status_code code)
{
	unsigned i = (unsigned)code;

	if (i < sizeof(status_names) / sizeof(status_names[0]) && status_names[i])
		return status_names[i];
	return "unknown status";
}

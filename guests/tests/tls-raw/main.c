/* The same probe as tls-a (its role comes from its partition name). */
#include "../tls-a/main.c"

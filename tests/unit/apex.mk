# Host unit test of APEX's non-blocking object logic (guests/apex/src/obj.c):
# message rings, blackboard slots, semaphore values, argument checks, time
# conversion, process states.
UNIT_TESTS += apex_obj
unit_apex_obj_SRCS := guests/apex/src/obj.c tests/unit/test_apex_obj.c \
	$(wildcard guests/apex/src/*.h guests/apex/include/*.h guests/apex/include/arinc653/*.h)
unit_apex_obj_CFLAGS := -Iguests/apex/include -Iguests/apex/src

# Unit test of the ELF32 partition loader.
UNIT_TESTS += elf
unit_elf_SRCS := kernel/core/elf.c $(LIB_SRC) tests/unit/test_elf.c

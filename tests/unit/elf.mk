# Unit test of the ELF32 partition loader.
UNIT_TESTS += elf
unit_elf_SRCS := kernel/core/elf.c kernel/core/lib.c tests/unit/test_elf.c

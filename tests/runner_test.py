"""Checks of the test runner itself (tests/run.py, tools/bochs.py).

A runner that misses a lost TEST line or misreads an exit status makes
every test behind it unable to fail, so its own rules are tested here.
tests/run.py runs these first; each is one result, runner/<name>.
"""

import types
import unittest

import bochs
import run


def case(**kw):
    c = dict(run.CASE_DEFAULTS, name="c", image="i")
    c.update(kw)
    return c


class SuiteCounts(unittest.TestCase):
    def problems(self, *lines):
        return run.done_problems(case(done="tests"), list(lines))

    def test_counts_agree(self):
        self.assertEqual(self.problems("[p] TEST a PASS", "[p] TEST b FAIL x:1: y",
                                       "[p] TESTS DONE 1 passed, 1 failed"), [])

    def test_lost_test_line_fails(self):
        self.assertIn("[p] TESTS DONE counts 2 tests but 1 TEST lines were seen",
                      self.problems("[p] TEST a PASS",
                                    "[p] TESTS DONE 2 passed, 0 failed"))

    def test_extra_test_line_fails(self):
        self.assertTrue(self.problems("[p] TEST a PASS", "[p] TEST a PASS",
                                      "[p] TESTS DONE 1 passed, 0 failed"))

    def test_garbled_line_is_not_counted(self):
        self.assertTrue(self.problems("[p] TEST a PASS##",
                                      "[p] TESTS DONE 1 passed, 0 failed"))

    def test_restart_starts_the_count_again(self):
        self.assertEqual(self.problems(
            "[v] TEST a PASS", "partition v: restarted (1)", "[v] TEST b PASS",
            "[v] TESTS DONE 1 passed, 0 failed"), [])

    def test_counts_are_per_partition(self):
        self.assertTrue(self.problems(
            "[p] TEST a PASS", "[q] TEST b PASS",
            "[p] TESTS DONE 2 passed, 0 failed", "[q] TESTS DONE 1 passed, 0 failed"))

    def test_test_after_done_fails(self):
        self.assertTrue(self.problems("[p] TESTS DONE 0 passed, 0 failed",
                                      "[p] TEST late PASS"))

    def test_done_without_count_fails(self):
        self.assertTrue(self.problems("[p] TEST a PASS", "[p] TESTS DONE"))

    def test_ktest_count(self):
        lines = ["TEST a PASS", "KTEST DONE 2 cases, 0 failed"]
        self.assertTrue(run.done_problems(case(done="ktest"), lines))


class BochsExit(unittest.TestCase):
    def test_exit_line_gives_qemus_status(self):
        out = "00i[SER ] x\nbulkhead: exit code 0x11\n00p[UNMAP ] >>PANIC<<"
        self.assertEqual(bochs.exit_status(out), run.qemu.EXIT_FAILURE)
        self.assertEqual(bochs.exit_status("bulkhead: exit code 0x10"),
                         run.qemu.EXIT_SUCCESS)

    def test_no_exit_line_is_no_status(self):
        self.assertIsNone(bochs.exit_status("00p[CPU0 ] >>PANIC<< triple fault"))

    def test_missing_exit_line_fails_the_boot(self):
        status = bochs.describe_missing_exit()
        self.assertEqual(run.exit_problem(case(), status, 10), status)

    def test_unknown_qemu_argument_is_refused(self):
        with self.assertRaises(bochs.BootError):
            bochs.com2_from_qemu_args(["-device", "isa-debug-exit"])
        self.assertEqual(bochs.com2_from_qemu_args(
            ["-icount", "shift=0", "-serial", "null"]), "null")

    def test_cpu_models(self):
        self.assertEqual(bochs.translate(["-cpu", "qemu32,+umip"])[1],
                         bochs.CPU_MODEL)
        self.assertEqual(bochs.translate(["-smp", "4", "-icount", "shift=0"])[1],
                         bochs.CPU_MODEL)
        self.assertEqual(bochs.cpu_count(["-icount", "shift=0", "-smp", "4"]), 4)
        self.assertEqual(bochs.cpu_count(["-icount", "shift=0"]), 1)
        self.assertIn("count=2,", bochs.bochsrc("x.iso", "s", count=2))
        self.assertEqual(bochs.translate(["-cpu", "pentium"])[1], "pentium")
        with self.assertRaises(bochs.BootError):
            bochs.translate(["-cpu", "486"])

    def test_qemu_expect_only_on_qemu(self):
        c = case(qemu_expect=["^v86$"])
        self.assertTrue(run.line_problems(c, ["x"], "qemu"))
        self.assertEqual(run.line_problems(c, ["x"], "bochs"), [])

    def test_com2_socket_becomes_a_relay(self):
        args = [a.replace("{tmp}", "/t") for a in run.helpers.COM2_ARGS]
        self.assertEqual(bochs.com2_from_qemu_args(args),
                         ("socket", "/t/com2.sock"))


class Machines(unittest.TestCase):
    def boots(self, machine, cases):
        opts = types.SimpleNamespace(machine=machine, patterns=[])
        todo, skips = run.boots(cases, opts)
        return [run.boot_name(c, m) for c, m in todo], [r.name for r in skips]

    def test_default_runs_all_on_qemu_and_the_subset_on_bochs(self):
        cases = [case(name="a", bochs_subset=True), case(name="b"),
                 case(name="q", qemu_only="socket")]
        names, skips = self.boots("default", cases)
        self.assertEqual(sorted(names), ["a", "b", "bochs:a", "q"])
        self.assertEqual(skips, [])

    def test_bochs_runs_all_but_qemu_only(self):
        cases = [case(name="a"), case(name="q", qemu_only="socket")]
        self.assertEqual(self.boots("bochs", cases), (["bochs:a"], ["bochs:q"]))

    def test_bochs_only_skipped_on_qemu(self):
        cases = [case(name="a"), case(name="o", bochs_only="round-robin",
                                      bochs_subset=True)]
        self.assertEqual(self.boots("default", cases), (["bochs:o", "a"], ["o"]))
        self.assertEqual(self.boots("qemu", cases), (["a"], ["o"]))
        self.assertEqual(self.boots("bochs", cases), (["bochs:a", "bochs:o"], []))

    def test_stale_xfail_mark_fails(self):
        results = run.expect_failure("bochs:a", [run.Result("bochs:a", True)],
                                     "defect")
        self.assertFalse(results[-1].ok)
        self.assertFalse(results[-1].xfail)

    def test_xfail_covers_failures_only(self):
        results = run.expect_failure(
            "bochs:a", [run.Result("bochs:a/x", False, "no"),
                        run.Result("bochs:a", True)], "defect")
        self.assertEqual([r.xfail for r in results], ["defect", ""])


if __name__ == "__main__":
    unittest.main()


class Progress(unittest.TestCase):
    """What a run shows while boots run (not on a terminal: plain lines)."""

    def run_report(self, tty):
        import contextlib
        import io
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            report = run.Report(tty=tty)
            report.total = 1
            results = run.tracked(report, "c", True,
                                  lambda: [run.Result("c/x", True),
                                           run.Result("c", True)])
            report.add(results)
            report.stop()
            report.finish(1.0)
        return out.getvalue()

    def test_plain_lines_name_the_boot_and_its_time(self):
        lines = self.run_report(False).splitlines()
        self.assertEqual(lines[0], "RUN  c")
        self.assertRegex(lines[2], r"^PASS c \(\d+\.\d s\)$")
        self.assertNotIn("\r", "".join(lines))

    def test_last_line_is_the_count(self):
        for tty in (False, True):
            self.assertEqual(self.run_report(tty).splitlines()[-1],
                             "2 passed, 0 failed")

    def test_terminal_status_line_is_rewritten_in_place(self):
        out = self.run_report(True)
        self.assertIn("\r\033[K[0/1, 0s] c 0s", out)
        self.assertNotIn("RUN  c", out)

#!/usr/bin/env python3
"""Checks of the configuration and trace tools (tools/schedule-svg,
tools/a653-config, tools/trace), as unittest cases printed as TAP (what
tests/run.py reads as a unit test, unit/tools/<test>).

    tools_test.py BUILD config    the schedule picture and the XML converter
    tools_test.py BUILD trace     the trace tool on traced boots
(two groups, each well inside the runner's time limit for one binary).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
import xml.dom.minidom

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
BUILD = "build"


def make(build, *args):
    return subprocess.run(["make", "-s", "--no-print-directory", "BUILD=" + build]
                          + list(args), cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def config_json(name_or_path, build):
    """The validated configuration as check-config --json prints it."""
    with tempfile.TemporaryDirectory(prefix="bh-tt-") as tmp:
        proc = make(tmp, "check-config", "CONFIG=" + name_or_path)
        if proc.returncode:
            raise AssertionError("check-config %s failed:\n%s"
                                 % (name_or_path, proc.stdout))
        name = os.path.basename(name_or_path).replace(".c", "")
        with open(os.path.join(tmp, name + "-config.json")) as f:
            return json.load(f)


class ScheduleSvg(unittest.TestCase):
    """make check-config draws build/<config>-schedule.svg."""

    def draw(self, config):
        with tempfile.TemporaryDirectory(prefix="bh-tt-") as tmp:
            proc = make(tmp, "check-config", "CONFIG=" + config)
            self.assertEqual(proc.returncode, 0, proc.stdout)
            with open(os.path.join(tmp, config + "-config.json")) as f:
                cfg = json.load(f)
            doc = xml.dom.minidom.parse(os.path.join(tmp, config + "-schedule.svg"))
        return cfg, doc

    def test_one_bar_per_window_of_every_plan(self):
        cfg, doc = self.draw("test-sched")
        self.assertGreaterEqual(len(cfg["plans"]), 2)
        bars = [r for r in doc.getElementsByTagName("rect")
                if r.getAttribute("class") == "window"]
        want = sum(len(p["windows"]) for p in cfg["plans"])
        self.assertEqual(len(bars), want, "one bar per window")
        titles = [b.getElementsByTagName("title")[0].firstChild.data for b in bars]
        for p, plan in enumerate(cfg["plans"]):
            for w, win in enumerate(plan["windows"]):
                name = cfg["partitions"][win["partition"]]["name"]
                self.assertIn("plan %d window %d: %s, offset %d us, %d us"
                              % (p, w, name, win["offset_us"], win["duration_us"]),
                              titles)

    def test_bar_length_is_proportional_to_the_window(self):
        cfg, doc = self.draw("demo")
        bars = [r for r in doc.getElementsByTagName("rect")
                if r.getAttribute("class") == "window"]
        plan = cfg["plans"][0]
        widths = [float(b.getAttribute("width")) for b in bars]
        per_us = widths[0] / plan["windows"][0]["duration_us"]
        for wd, win in zip(widths, plan["windows"]):
            self.assertAlmostEqual(wd, win["duration_us"] * per_us, delta=0.05)

    def test_refused_configuration_draws_nothing(self):
        with tempfile.TemporaryDirectory(prefix="bh-tt-") as tmp:
            proc = make(tmp, "check-config",
                        "CONFIG=configs/invalid/window-overlap.c")
            self.assertNotEqual(proc.returncode, 0)
            self.assertFalse(os.path.exists(
                os.path.join(tmp, "window-overlap-schedule.svg")))


def a653(xml_path, out):
    return subprocess.run([sys.executable, "tools/a653-config", xml_path, "-o", out],
                          cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


class XmlConfig(unittest.TestCase):
    """tools/a653-config and make config-from-xml."""

    def convert_and_check(self, xml_text=None, xml_path=None):
        with tempfile.TemporaryDirectory(prefix="bh-tt-") as tmp:
            if xml_text is not None:
                xml_path = os.path.join(tmp, "in.xml")
                with open(xml_path, "w") as f:
                    f.write(xml_text)
            out = os.path.join(tmp, "from-xml.c")
            proc = make(tmp, "config-from-xml", "XML=" + xml_path, "OUT=" + out)
            cfg = None
            if proc.returncode == 0:
                with open(os.path.join(tmp, "from-xml-config.json")) as f:
                    cfg = json.load(f)
            return proc, cfg

    def round_trip(self, xml_path, c_path):
        """xml_path converts and validates to exactly c_path's structures."""
        proc, cfg = self.convert_and_check(xml_path=xml_path)
        self.assertEqual(proc.returncode, 0, proc.stdout)
        want = config_json(c_path, BUILD)
        for key in want:
            self.assertEqual(cfg[key], want[key],
                             "%s: field %s differs from %s" % (xml_path, key, c_path))
        self.assertEqual(cfg, want)

    def test_demo_round_trips_to_the_hand_written_config(self):
        self.round_trip("configs/xml/demo.xml", "configs/demo/demo.c")

    def test_arinc653_example_round_trips_to_the_hand_written_config(self):
        self.round_trip("configs/xml/arinc653.xml", "configs/demo/arinc653.c")

    def test_broken_files_are_refused_each_with_its_message(self):
        d = "configs/xml/broken"
        files = sorted(f for f in os.listdir(d) if f.endswith(".xml"))
        self.assertGreaterEqual(len(files), 10)
        for name in files:
            path = os.path.join(d, name)
            with open(path) as f:
                m = re.match(r"<!-- expect: (.*) -->", f.readline())
            self.assertTrue(m, "%s has no expect: line" % path)
            with tempfile.TemporaryDirectory(prefix="bh-tt-") as tmp:
                out = os.path.join(tmp, "x.c")
                proc = a653(path, out)
                self.assertEqual(proc.returncode, 1, "%s: %s" % (name, proc.stdout))
                self.assertIn(path + m.group(1), proc.stdout, name)
                self.assertFalse(os.path.exists(out), "%s: output written" % name)

    def test_validator_refuses_what_converts(self):
        with open("configs/xml/demo.xml") as f:
            text = f.read()
        # hello's window moved into sysmon's: well-formed ARINC 653, but
        # the windows overlap, which the kernel's validator refuses.
        bad = text.replace('WindowStartSeconds="0.003"', 'WindowStartSeconds="0.002"')
        self.assertNotEqual(bad, text)
        proc, _ = self.convert_and_check(xml_text=bad)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("overlaps", proc.stdout)

    def test_initial_module_schedule_is_the_initial_plan(self):
        with open("configs/xml/demo.xml") as f:
            text = f.read()
        start = text.index("  <Module_Schedule")
        end = text.index("</Module_Schedule>") + len("</Module_Schedule>")
        second = text[start:end].replace(
            'MajorFrameSeconds="0.020"',
            'MajorFrameSeconds="0.040" InitialModuleSchedule="true"').replace(
            'PeriodSeconds="0.020"', 'PeriodSeconds="0.040"')
        proc, cfg = self.convert_and_check(xml_text=text[:end] + "\n" + second + text[end:])
        self.assertEqual(proc.returncode, 0, proc.stdout)
        self.assertEqual(len(cfg["plans"]), 2)
        self.assertEqual(cfg["initial_plan"], 1)
        self.assertEqual(cfg["plans"][1]["major_frame_us"], 40000)


def trace_tool():
    """tools/trace as a module (it has no .py suffix)."""
    import importlib.machinery
    import importlib.util
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    loader = importlib.machinery.SourceFileLoader("trace_tool",
                                                  os.path.join(ROOT, "tools", "trace"))
    spec = importlib.util.spec_from_loader("trace_tool", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


class Trace(unittest.TestCase):
    """make trace's tool on a known configuration, under -icount."""

    MS = 100
    tmp = None

    @classmethod
    def run_trace(cls, config, com2):
        out = os.path.join(cls.tmp.name, config)
        proc = subprocess.run([sys.executable, "tools/trace", "run", "--build", BUILD,
                               "--config", config, "--ms", str(cls.MS), "--out", out,
                               "--com2", com2], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=150)
        if proc.returncode:
            raise AssertionError("tools/trace run %s failed:\n%s" % (config, proc.stdout))
        tool = trace_tool()
        with open(os.path.join(out, "trace.ring"), "rb") as f:
            ring = tool.Ring(f.read())
        cfg = tool.config_json(BUILD, config)
        return out, tool, ring, tool.Analysis(ring, cfg), cfg

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bh-tt-")
        # The demo with a line on COM2: IRQ 3 routed to the rtos partition.
        cls.demo = cls.run_trace("demo", "hello over COM2")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_window_starts_within_a_tick_of_its_offset(self):
        _, _, ring, an, cfg = self.demo
        tick_ns = 1000000000 // cfg["tick_hz"]
        plan = cfg["plans"][0]
        self.assertTrue(an.windows)
        for w in an.windows:
            self.assertLess(w["late"], tick_ns, "window %r began a tick late" % w)
        frames = an.frame_starts()
        self.assertGreaterEqual(len(frames), self.MS * 1000 // plan["major_frame_us"] - 1)
        for a, b in zip(frames, frames[1:]):
            self.assertEqual(b - a, plan["major_frame_us"] * 1000, "frame grid drifts")
        # Each configured window, at its offset from its frame's start.
        for w in an.windows:
            c = plan["windows"][w["window"]]
            frame = max(f for f in frames if f <= w["start"])
            self.assertEqual(w["start"] - w["late"] - frame, c["offset_us"] * 1000)
        for i, c in enumerate(plan["windows"]):
            self.assertGreaterEqual(sum(1 for w in an.windows if w["window"] == i), 3,
                                    "window %d seldom traced" % i)

    def test_every_routed_interrupt_is_delivered(self):
        _, tool, ring, an, _ = self.demo
        self.assertGreater(len(an.routes), 0, "COM2's IRQ 3 was never routed")
        for route, delivery in an.routes:
            if delivery is None:
                # Only a route the trace's stop cut off may lack its
                # delivery: its partition had no window after it.
                later = [w for w in an.windows
                         if w["part"] == route["part"] and w["start"] > route["ns"]]
                self.assertEqual(later, [], "IRQ %d routed at %d ns never delivered, "
                                 "though its partition ran after it"
                                 % (route["a"], route["ns"]))
                continue
            self.assertGreaterEqual(delivery["ns"], route["ns"])

    def test_nothing_lost_when_the_ring_is_large_enough(self):
        _, _, ring, _, _ = self.demo
        self.assertEqual(ring.overruns, 0)
        self.assertEqual(len(ring.events), ring.head)   # every event since boot
        times = [e["ns"] for e in ring.events]
        self.assertEqual(times, sorted(times))

    def test_overrun_is_counted_when_the_ring_is_small(self):
        out, _, ring, _, cfg = self.run_trace("test-trace", "")
        self.assertEqual(ring.size, cfg["trace"]["ring_events"])
        self.assertGreater(ring.overruns, 0)
        self.assertEqual(len(ring.events), ring.size)
        self.assertEqual(ring.head, ring.size + ring.overruns)
        with open(os.path.join(out, "trace-summary.txt")) as f:
            self.assertIn("%d overruns" % ring.overruns, f.read())

    def test_json_has_a_track_per_partition_and_the_windows(self):
        out, _, _, an, cfg = self.demo
        with open(os.path.join(out, "trace.json")) as f:
            doc = json.load(f)
        evs = doc["traceEvents"]
        tracks = {e["tid"]: e["args"]["name"] for e in evs
                  if e["ph"] == "M" and e["name"] == "thread_name"}
        self.assertEqual(tracks[0], "kernel")
        for i, p in enumerate(cfg["partitions"]):
            self.assertEqual(tracks[i + 1], "partition %d: %s" % (i, p["name"]))
        slices = [e for e in evs if e["ph"] == "X"]
        self.assertEqual(len(slices), sum(1 for w in an.windows if w["end"] is not None))
        flows = [e for e in evs if e["ph"] in ("s", "f")]
        self.assertEqual(len(flows), 2 * sum(1 for _, d in an.routes if d is not None))
        self.assertTrue(any(e["ph"] == "i" and e["cat"] == "hypercall" for e in evs))

    def test_timeline_has_one_bar_per_window_of_the_frames_drawn(self):
        out, tool, _, an, cfg = self.demo
        doc = xml.dom.minidom.parse(os.path.join(out, "timeline.svg"))
        bars = [r for r in doc.getElementsByTagName("rect")
                if r.getAttribute("class") == "window"]
        per_frame = len(cfg["plans"][0]["windows"])
        self.assertEqual(len(bars), tool.FRAMES_DRAWN * per_frame)
        ticks = [l for l in doc.getElementsByTagName("line")
                 if l.getAttribute("class") == "delivery"]
        self.assertGreater(len(ticks), 0)

    def test_summary_names_every_partition_window_and_line(self):
        out, _, _, an, cfg = self.demo
        with open(os.path.join(out, "trace-summary.txt")) as f:
            text = f.read()
        for p in cfg["partitions"]:
            self.assertIn(p["name"], text)
        self.assertRegex(text, r"rtos\s+IRQ 3\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+")
        self.assertIn("health-monitor events: 0", text)


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.n = 0

    def _line(self, test, ok, err=None):
        self.n += 1
        print("%sok %d - %s" % ("" if ok else "not ", self.n,
                                test.id().split(".", 1)[1]))
        if err:
            for line in self._exc_info_to_string(err, test).splitlines()[-6:]:
                print("# " + line)
        sys.stdout.flush()

    def addSuccess(self, test):
        self._line(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line(test, False, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._line(test, False, err)


def main():
    global BUILD
    os.chdir(ROOT)
    BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
    group = sys.argv[2] if len(sys.argv) > 2 else "all"
    classes = {"config": [ScheduleSvg, XmlConfig], "trace": [Trace],
               "all": [ScheduleSvg, XmlConfig, Trace]}[group]
    load = unittest.defaultTestLoader.loadTestsFromTestCase
    suite = unittest.TestSuite([load(c) for c in classes])
    print("1..%d" % suite.countTestCases(), flush=True)
    result = TapResult()
    suite.run(result)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())

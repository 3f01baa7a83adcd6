"""Results in physical units: latencies, frame rates, typing speeds, throughputs.

`runs in 22 ms`, `with speed of 105 FPS`, `a text entry speed of 9.9 WPM`,
`plan grasps in 0.8s`, systems figures (`scaling beyond 1.8 million tasks per
second`, `performance of more than 2 GB/s`, `recovery of 92 GB ... in 6.2 s`,
`can benchmark a 30B model ... in 21 hours`): a number with a unit of time or of rate carries no `%`
or `×`, so only its clause says it is a result. Each rule needs the paper's
system doing something in that time or at that rate (a verb of running,
processing or achieving, or a latency/speed noun right before the number).
Time and rates that describe the setup (`30 seconds long`, `recorded at 30
fps`, `a timeout of 5 s`, `trained for 3.5 days`: days are never read), the rating
of the equipment (`a 10 Gbps network`) and a
baseline's figure (`compared to 57.5 AP50 in 198 ms by RetinaNet`) are not.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_scores import NUM, Score, others_number

_RATE_UNIT = (r"(?:FPS|fps|frames per second|frames/s|WPM|wpm|words per minute|tokens?/s|tokens? per second|"
              r"tok/s|QPS|queries per second|requests per second|images/s|images per second|samples/s|"
              r"tasks per second|tasks/s|operations per second|ops/s|transactions per second|IOPS|"
              r"[GMK]B/s|[GM]b/s|[GM]bps|Hz|(?:[a-z]+\s)?[a-z]+s\sper\s(?:hour|minute|second))")
# `1.8 million tasks per second`: a rate may carry a scale word between the number and its unit
_RATE = re.compile(rf"(?<![\w.\-/])(?P<v>{NUM}\+?(?:\s(?:thousand|million|billion))?)\s?(?P<in>in\s)?"
                   rf"(?P<u>{_RATE_UNIT})(?![\w/])")
_TIME = re.compile(rf"(?<![\w.\-/])(?P<v>{NUM})\s?(?P<u>ms|milliseconds?|µs|μs|microseconds?|s|secs?|seconds?|"
                   rf"minutes?|mins?|hours?|hrs?)(?![\w/%])")
# the system runs/processes/achieves at that rate: `runs in real-time at 45`, `processes an astounding 155`
_RATE_CUE = re.compile(r"(?:\b(?:runs?|running|ran|process\w*|operat\w*|achiev\w*|reach\w*|attain\w*|obtain\w*|"
                       r"deliver\w*|sustain\w*|typ\w*|decod\w*|generat\w*|serv(?:e|es|ed|ing)|infer\w*|scal\w*)\b(?:\s[\w-]+){0,4}?"
                       r"|\b(?:speed|throughput|frame rate|rate|fast as|up to|performance|bandwidth)\b)\s"
                       r"(?:(?:of|at|an?|about|around|nearly|over|up to|than|more than|beyond|)\s?)*$", re.IGNORECASE)
# a rate of the input, not of the system: `videos recorded at 30 fps`, `sampled at 16 fps`
_INPUT_RATE = re.compile(r"\b(?:sampled|recorded|captured|filmed|shot|resampled|downsampled|played|displayed|"
                         r"refresh\w*|videos?|cameras?|input|IMUs?|sensors?|lidar|LiDAR|radar|microphones?|audio|"
                         r"signals?|EEG|ECG)\b(?:\s[\w-]+){0,2}\s(?:at\s)?$", re.IGNORECASE)
# a rating of the equipment used: `over a 10 Gbps network`, `a 3 GB/s SSD`
_HARDWARE = re.compile(r"\s(?:network|links?|connections?|interconnects?|Ethernet|NICs?|switch\w*|SSDs?|disks?|"
                       r"drives?|bus)\b", re.IGNORECASE)
# done in that time: `runs in 22 ms`, `plan grasps in 0.8s`, `answers within 2 seconds`
_DONE_IN = re.compile(r"\b(?:runs?|running|ran|plan\w*|process\w*|infer\w*|complet\w*|respond\w*|answer\w*|"
                      r"generat\w*|detect\w*|segment\w*|classif\w*|achiev\w*|synthes\w*|render\w*|solv\w*|"
                      r"comput\w*|converg\w*|execut\w*|decod\w*|reconstruct\w*|predict\w*|produc\w*|find\w*|"
                      r"finish\w*|recogni\w*|transcrib\w*|translat\w*|search\w*|locat\w*|estimat\w*|"
                      r"recover\w*|benchmark\w*)\b"
                      r"[^,;]{0,80}?\b(?:in|within|under)\s(?:only\s|just\s|about\s|around\s|less than\s)?$",
                      re.IGNORECASE)
# time saved: `lowers latency by up to 40 ms`, `reduces the response time by 1.2 s`
_CUT_BY = re.compile(r"\b(?:reduc\w*|lower\w*|cut\w*|decreas\w*|sav\w*|shav\w*|speed\w*)\b[^,;]{0,60}?\bby\s"
                     r"(?:up to\s|about\s|around\s|over\s|nearly\s|more than\s)?$", re.IGNORECASE)
# power drawn: `consumes only 2.1 W of power`, `a power consumption of 350 mW`
_POWER = re.compile(rf"(?<![\w.\-/])(?P<v>{NUM})\s?(?:mW|W|kW|µW|μW|mJ|J|kJ|Wh|kWh)(?![\w/])")
_POWER_CUE = re.compile(r"(?:\b(?:consum\w*|draw\w*|dissipat\w*)\s(?:only\s|just\s|about\s|around\s|less than\s)?"
                        r"|\b(?:power|energy)(?:\sconsumption|\susage|\sdraw)?\s(?:of|is|was)\s(?:only\s|just\s)?)$",
                        re.IGNORECASE)
# a latency noun names the number: `an inference time of 12 ms`, `end-to-end latency of 130 ms`
_TIME_OF = re.compile(r"\b(?:latency|latencies|inference time|run-?time|response time|processing time|"
                      r"delay|time per \w+|wall-clock time)\s(?:of|is|was|=|:)\s(?:only\s|just\s|about\s|around\s)?$",
                      re.IGNORECASE)
# or follows it: `130 ms latency`, `12 ms per image`
_TIME_THEN = re.compile(r"\s(?:latency|inference time|response time|per (?:image|frame|query|token|sample|"
                        r"request|sentence|utterance|step))\b(?!\s(?:budget|constraint|requirement|target|limit))",
                        re.IGNORECASE)
_SETUP_TIME = re.compile(r"\s(?:long|segments?|clips?|windows?|intervals?|chunks?|recordings?|of (?:audio|speech|"
                         r"video|data|recording)|timeout|budget|limit)\b", re.IGNORECASE)
_METRIC_NOUN = re.compile(r"\b(?P<m>(?:(?!(?:an?|the|with|of|at|and|its|our|\w+ed)\s)[\w-]+\s){0,2}"
                          r"(?:speed|throughput|frame rate|latency|inference time|response time))"
                          r"\s(?:of|is|was)\s(?:\w+\s)?$", re.IGNORECASE)


def find_unit_results(text: str) -> list[Score]:
    """Every rate, time and power in `text` that the clause presents as the paper's result."""
    return achieved_rates(text) + achieved_times(text) + power_drawn(text) + (
        small_overheads(text) if "overhead" in text else [])


# a cost claimed small: `incurring only 37 seconds overhead`, `a typical overhead of only 2-5 milliseconds per file`
_TIME_UNIT = r"(?:ms|milliseconds?|µs|μs|microseconds?|s|secs?|seconds?|minutes?|mins?)"
_SMALL_OVERHEAD = re.compile(
    rf"\boverhead\s(?:of|is|was)\s(?:only|just)\s(?P<v>(?:{NUM}\s?[-–]\s?)?{NUM}\s?{_TIME_UNIT})(?![\w/])"
    rf"|\b(?:only|just)\s(?P<w>(?:{NUM}\s?[-–]\s?)?{NUM}\s?{_TIME_UNIT})\s(?:of\s)?(?:[\w-]+\s)?overhead\b")


def small_overheads(text: str) -> list[Score]:
    """`only 37 seconds overhead`, `overhead of only 2-5 milliseconds`: `only` makes the cost the claimed advantage
    (like `uses only 0.1% of the parameters`); an overhead stated without it is a measurement, not read here."""
    return [Score(m.start(g), m.end(g), "overhead") for m in _SMALL_OVERHEAD.finditer(text)
            for g in ("v", "w") if m.group(g)]


def power_drawn(text: str) -> list[Score]:
    """`the prototype consumes only 2.1 W of power`: the power or energy the system needs."""
    if not any(w in text for w in ("consum", "power", "energy", "draw", "dissipat")):
        return []  # no power cue word in the sentence (speed budget)
    return [Score(m.start("v"), m.end(), None) for m in _POWER.finditer(text)
            if _POWER_CUE.search(text[max(0, m.start() - 50):m.start()]) and not others_number(text, m.start())]


def achieved_rates(text: str) -> list[Score]:
    """`runs at 45 frames per second`, `with speed of 105 FPS`, `type as fast as 15.2 WPM`."""
    out = []
    for m in _RATE.finditer(text):
        before = text[max(0, m.start() - 60):m.start()]
        if _HARDWARE.match(text, m.end()):
            continue  # `a 10 Gbps network`: the equipment's rating, not a result
        if _RATE_CUE.search(before) and not _INPUT_RATE.search(before) and not others_number(text, m.start()):
            end = m.end("v") if m.group("in") else m.end()  # `11 in words per minute`: the number alone
            out.append(Score(m.start("v"), end, _metric_before(before)))
    return out


def achieved_times(text: str) -> list[Score]:
    """`runs in 22 ms`, `an inference time of 12 ms`, `130 ms latency`: time the system takes, not a setup."""
    out = []
    for m in _TIME.finditer(text):
        value = float(m.group("v").replace(",", ""))
        if m.group("u") == "s" and value.is_integer() and 1900 <= value <= 2100:
            continue  # `the 1990s`
        before, after = text[max(0, m.start() - 110):m.start()], text[m.end():m.end() + 30]
        if _SETUP_TIME.match(after) or others_number(text, m.start()):
            continue
        if _DONE_IN.search(before) or _TIME_OF.search(before) or _TIME_THEN.match(after) or _CUT_BY.search(before):
            out.append(Score(m.start("v"), m.end(), _metric_before(before)))
    return out


def _metric_before(before: str) -> str | None:
    """`a text entry speed of` -> `text entry speed`; None when no speed/latency noun names the number."""
    m = _METRIC_NOUN.search(before)
    return m.group("m") if m else None

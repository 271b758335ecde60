#!/usr/bin/env python3
"""Keypress-to-screen time in tmux on the War and Peace halves: sends a key,
polls capture-pane until the screen changes. Needs /tmp/wp1.txt and
/tmp/wp2.txt (see docs/PERFORMANCE.md) and a release build; run from the
checkout: python3 benches/keypress_tmux.py"""
import subprocess, time, statistics, sys
S=["tmux","-L","kt"]
def sh(*a): return subprocess.run(S+list(a),capture_output=True,text=True).stdout
subprocess.run(S+["kill-server"],capture_output=True)
sh("new-session","-d","-x","200","-y","50", "HOME=/tmp/kthome ./target/release/diptych /tmp/wp1.txt /tmp/wp2.txt; sleep 100")
deadline=time.time()+60
while "aligned:" not in sh("capture-pane","-p") and time.time()<deadline: time.sleep(0.2)
def measure(key, n=20, reset=None):
    out=[]
    for i in range(n):
        before=sh("capture-pane","-p")
        t=time.perf_counter(); sh("send-keys",key)
        while sh("capture-pane","-p")==before:
            if time.perf_counter()-t>2: break
        out.append((time.perf_counter()-t)*1000)
        if reset: sh("send-keys",reset); time.sleep(0.1)
    return statistics.median(out), min(out), max(out)
# baseline: capture-pane cost
t=time.perf_counter(); [sh("capture-pane","-p") for _ in range(20)]; cap=(time.perf_counter()-t)/20*1000
print(f"capture-pane alone: {cap:.1f} ms")
for name,key,reset in [(") next sentence",")",None),("Enter candidates","Enter","Escape"),("P pair list","P","Escape"),("j scroll","j",None)]:
    m,lo,hi=measure(key,reset=reset); print(f"{name}: median {m:.1f} ms (min {lo:.1f}, max {hi:.1f})")
sh("kill-server")

#!/usr/bin/env python3
"""Aggregates JFR execution samples: by thread, top frame, top class and package, and by "markers" (substrings of
any frame of the stack, e.g. P256Comb,msgprocessor,io.grpc), optionally within a time window (the measured run).

    java -XX:StartFlightRecording=filename=run.jfr,settings=profile -jar raftlens.jar bench ...
    jfr print --events jdk.ExecutionSample --stack-depth 64 run.jfr > samples.txt
    scripts/jfr-samples.py samples.txt 01:38:50 01:39:05 P256Comb,msgprocessor,io.grpc,io.netty,protobuf
"""
import sys,re,collections
f=sys.argv[1]; lo=sys.argv[2] if len(sys.argv)>2 else None; hi=sys.argv[3] if len(sys.argv)>3 else None
events=[]; cur=None
for line in open(f):
    line=line.rstrip('\n')
    if line.startswith('jdk.ExecutionSample'): cur={'t':None,'th':'','st':[]}; events.append(cur)
    elif cur is None: continue
    elif 'startTime =' in line: cur['t']=line.split('=')[1].strip()[:8]
    elif 'sampledThread =' in line: cur['th']=re.sub(r'[-#]?\d+\b','N',line.split('"')[1])
    elif line.startswith('    ') and '(' in line:
        cur['st'].append(line.strip().split('(')[0].rsplit('.',0)[0])
ev=[e for e in events if (lo is None or e['t']>=lo) and (hi is None or e['t']<=hi)]
n=len(ev); print('samples',n)
def show(title,c,k=40):
    print('\n==',title)
    for name,v in c.most_common(k): print(f'{100*v/n:6.2f}% {v:6d} {name}')
th=collections.Counter(e['th'] for e in ev); show('threads',th,25)
top=collections.Counter(e['st'][0] if e['st'] else '?' for e in ev); show('self top frame',top,60)
def cls(m): return m.rsplit('.',1)[0]
topc=collections.Counter(cls(e['st'][0]) if e['st'] else '?' for e in ev); show('self top class',topc,50)
pk=collections.Counter('.'.join(cls(e['st'][0]).split('.')[:4]) if e['st'] else '?' for e in ev); show('self top package',pk,40)
# inclusive markers
marks=sys.argv[4].split(',') if len(sys.argv)>4 else []
inc=collections.Counter()
for e in ev:
    s=' '.join(e['st'])
    for m in marks:
        if m in s: inc[m]+=1
show('inclusive markers',inc,100)

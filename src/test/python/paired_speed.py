#!/usr/bin/python3
"""ambidex's forward pass and the generator's torch network timed in turns, one call each, on one thread each.

On a shared machine the speed of the same code drifts by 20 % within minutes, more than the differences to measure,
so timing one side and then the other compares two machines. Here both stay loaded, each in its own process, and
take turns (ambidex first on even rounds, PyTorch first on odd ones): every ambidex call has a PyTorch call beside it
under the same conditions, and the median of the per-round ratios is the comparison.

  /usr/bin/python3 paired_speed.py intaghand MISC BATCH ROUNDS CLASSPATH
  /usr/bin/python3 paired_speed.py dir DIR.pth BATCH ROUNDS CLASSPATH

CLASSPATH: target/test-classes:target/classes and the test dependencies (./mvnw dependency:build-classpath
-Dmdep.includeScope=test). ambidex runs org.ambidex.nets.bench.ForwardStepper (as IntagHandBench and DirBench: the
folded network the architectures predict with); PyTorch runs intaghand_reference.py's network on MISC's checkpoint
and graphs, or dir_reference.py's DIR at the published widths (random weights: the speed does not depend on them).
Three untimed rounds come first.
"""
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def torch_stepper(kind, path, batch):
    """Serves 'go' lines on stdin: one forward each, its wall milliseconds on stdout."""
    os.environ['OMP_NUM_THREADS'] = '1'
    os.environ['MKL_NUM_THREADS'] = '1'
    sys.path.insert(0, HERE)
    import time
    import torch
    torch.set_num_threads(1)
    if kind == 'intaghand':
        from intaghand_reference import open_misc
        net = open_misc(path)
    else:
        import dir_reference
        net = dir_reference.build(64, 256, 128, 64, 11)
    x = torch.rand(batch, 3, 256, 256, generator=torch.Generator().manual_seed(2))
    print('ready', flush=True)
    with torch.no_grad():
        for line in sys.stdin:
            if line.strip() != 'go':
                break
            t = time.perf_counter()
            net(x)
            print((time.perf_counter() - t) * 1000, flush=True)


def start(command):
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    while True:
        line = process.stdout.readline()
        if not line:
            raise SystemExit('%s ended before it was ready' % command[0])
        if line.strip() == 'ready':
            return process


def step(process):
    process.stdin.write('go\n')
    process.stdin.flush()
    return float(process.stdout.readline())


def main():
    kind, path, batch, rounds, classpath = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    if kind not in ('intaghand', 'dir'):
        raise SystemExit('kind must be intaghand or dir, not ' + kind)
    ambidex = start(['java', '-Dai.djl.offline=true', '-cp', classpath, 'org.ambidex.nets.bench.ForwardStepper',
                     kind, path, batch])
    torch_side = start([sys.executable, os.path.abspath(__file__), '--step', kind, path, batch])
    for _ in range(3):
        step(ambidex)
        step(torch_side)
    ours, theirs = [], []
    for r in range(rounds):
        if r % 2 == 0:
            ours.append(step(ambidex))
            theirs.append(step(torch_side))
        else:
            theirs.append(step(torch_side))
            ours.append(step(ambidex))
    for process in (ambidex, torch_side):
        process.stdin.write('quit\n')
        process.stdin.flush()
        process.wait()
    ratios = sorted(a / b for a, b in zip(ours, theirs))
    q = statistics.quantiles(ratios, n=4)
    print('%s batch %s, %d rounds: ambidex median %.1f ms, PyTorch %s median %.1f ms; per-round ratio ambidex / '
          'PyTorch: median %.3f (quartiles %.3f, %.3f); ambidex faster in %d of %d rounds' % (
              kind, batch, rounds, statistics.median(ours), torch_version(), statistics.median(theirs),
              statistics.median(ratios), q[0], q[2], sum(a < b for a, b in zip(ours, theirs)), rounds))


def torch_version():
    out = subprocess.run([sys.executable, '-c', 'import torch; print(torch.__version__)'], capture_output=True,
                         text=True)
    return out.stdout.strip()


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--step':
        torch_stepper(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()

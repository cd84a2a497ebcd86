"""PyTorch CPU references for apps/bench: the same training iteration as our benchmarks.

  python3 reference.py k2 --width 0.25 --iterations 20 --threads 1
  python3 reference.py b1 --steps 300 --threads 1

Prints one JSON object on stdout: iterations per second, median ms per iteration, versions.
"""
import argparse
import json
import os
import statistics
import time

import torch
from torch import nn


def dcgan(width: float):
    c = [max(1, round(base * width)) for base in (512, 256, 128, 64)]
    d = [max(1, round(base * width)) for base in (64, 128, 256, 512)]

    class Generator(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(100, 4 * c[0], bias=False)
            self.bn0 = nn.BatchNorm2d(c[0], momentum=0.1, eps=1e-5)
            # Transposed 5x5 convolutions of stride 2: 2 -> 4 -> 7 -> 14 -> 28 (output_padding
            # chooses the odd sizes as tfjs's 'same' padding with an explicit output shape does).
            self.deconvs = nn.ModuleList(
                [
                    nn.ConvTranspose2d(c[0], c[1], 5, 2, 2, output_padding=1, bias=False),
                    nn.ConvTranspose2d(c[1], c[2], 5, 2, 2, output_padding=0, bias=False),
                    nn.ConvTranspose2d(c[2], c[3], 5, 2, 2, output_padding=1, bias=False),
                ]
            )
            self.bns = nn.ModuleList([nn.BatchNorm2d(k) for k in c[1:]])
            self.out = nn.ConvTranspose2d(c[3], 3, 5, 2, 2, output_padding=1)

        def forward(self, z):
            h = torch.relu(self.bn0(self.fc(z).view(-1, c[0], 2, 2)))
            for deconv, bn in zip(self.deconvs, self.bns):
                h = torch.relu(bn(deconv(h)))
            return torch.tanh(self.out(h))

    class Discriminator(nn.Module):
        def __init__(self):
            super().__init__()
            self.convs = nn.ModuleList(
                [
                    nn.Conv2d(3, d[0], 5, 2, 2),
                    nn.Conv2d(d[0], d[1], 5, 2, 2, bias=False),
                    nn.Conv2d(d[1], d[2], 5, 2, 2, bias=False),
                    nn.Conv2d(d[2], d[3], 5, 2, 2, bias=False),
                ]
            )
            self.bns = nn.ModuleList([nn.BatchNorm2d(k) for k in d[1:]])
            self.fc = nn.Linear(4 * d[3], 1)

        def forward(self, x):
            h = nn.functional.leaky_relu(self.convs[0](x), 0.2)
            for conv, bn in zip(self.convs[1:], self.bns):
                h = nn.functional.leaky_relu(bn(conv(h)), 0.2)
            return self.fc(h.flatten(1))

    return Generator(), Discriminator()


def k2(args):
    torch.manual_seed(args.seed)
    g, d = dcgan(args.width)
    og = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    od = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    batch = 64
    real = torch.rand(batch, 3, 28, 28) * 2 - 1
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)

    def iteration():
        z = torch.rand(batch, 100) * 2 - 1
        fake = g(z)
        od.zero_grad()
        loss_d = bce(d(real), ones) + bce(d(fake.detach()), zeros)
        loss_d.backward()
        od.step()
        og.zero_grad()
        loss_g = bce(d(fake), ones)
        loss_g.backward()
        og.step()

    return timed(iteration, args.warmup, args.iterations)


def b1(args):
    torch.manual_seed(args.seed)
    dim, batch = 20, 256
    critic = nn.Sequential(
        nn.Linear(2 * dim, 400), nn.ReLU(), nn.Linear(400, 400), nn.ReLU(), nn.Linear(400, 1)
    )
    opt = torch.optim.Adam(critic.parameters(), lr=1e-4)
    state = {"ema": None}
    decay = 0.99

    def step():
        x = torch.randn(batch, dim)
        z = 0.5 * x + (0.75**0.5) * torch.randn(batch, dim)
        zs = z[torch.randperm(batch)]
        joint = critic(torch.cat([x, z], 1)).squeeze(1)
        marginal = critic(torch.cat([x, zs], 1)).squeeze(1)
        exp_mean = torch.exp(marginal).mean()
        ema = exp_mean.detach() if state["ema"] is None else decay * state["ema"] + (1 - decay) * exp_mean.detach()
        state["ema"] = ema
        # MINE's moving-average gradient: d/dθ [mean T_joint − mean e^T_marginal / ema].
        loss = -(joint.mean() - exp_mean / ema)
        opt.zero_grad()
        loss.backward()
        opt.step()

    return timed(step, args.warmup, args.iterations)


def timed(fn, warmup, iterations):
    for _ in range(warmup):
        fn()
    times = []
    start = time.perf_counter()
    for _ in range(iterations):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    return {
        "iterationsPerSecond": iterations / total,
        "msPerIterationMedian": 1000 * statistics.median(times),
        "iterations": iterations,
    }


def blas_library():
    """The BLAS Debian's torch links through the alternatives system (its matmuls' speed)."""
    link = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"
    try:
        return os.path.realpath(link)
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("benchmark", choices=["k2", "b1"])
    parser.add_argument("--width", type=float, default=1.0)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    result = k2(args) if args.benchmark == "k2" else b1(args)
    result.update(
        {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""PyTorch CPU references for apps/bench: the same training iteration as our benchmarks.

  python3 reference.py k2 --width 0.25 --iterations 20 --threads 1
  python3 reference.py k2-ali --width 0.25 --iterations 20 --threads 1
  python3 reference.py b1 --steps 300 --threads 1

Prints one JSON object on stdout: iterations per second, median ms per iteration, versions, and
for k2 and k2-ali the trainable parameters of each network (K2 checks them against ours: equal
counts mean equal layer shapes, so both sides do the same multiply-accumulates).
"""
import argparse
import contextlib
import json
import math
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

    result = timed(iteration, args.warmup, args.iterations)
    result["parameters"] = {"generator": parameter_count(g), "discriminator": parameter_count(d)}
    return result


def scaled(base: int, width: float) -> int:
    """@mine/nets' scaledChannels: JavaScript's Math.round rounds halves up, Python's to even."""
    return max(1, math.floor(base * width + 0.5))


def parameter_count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def transposed_padding(size_in: int, size_out: int) -> int:
    """output_padding of a 5x5 stride-2 transposed convolution (padding 2) from size_in to size_out."""
    return size_out - (2 * size_in - 1)


class TiledNoiseConv(nn.Module):
    """conv2d(tile(eps), K, stride 2, padding 2) for noise eps [n, d] tiled over a size x size image as
    d constant channels, computed as @mine/nets' tiledNoiseConv does (Table 7's encoder input
    [x, eps]): every output position sums the taps of K that fall inside the image, V (eps K) with V
    the 0/1 mask [positions, taps]. The same arithmetic as ours, and the convolution of the tiled
    input up to float rounding."""

    def __init__(self, size: int, noise_dim: int, out_channels: int, k: int = 5, stride: int = 2, padding: int = 2):
        super().__init__()
        self.out = (size + 2 * padding - k) // stride + 1
        mask = torch.zeros(self.out * self.out, k * k)

        def inside(o, t):
            return 0 <= o * stride + t - padding < size

        for i in range(self.out):
            for j in range(self.out):
                for r in range(k):
                    for c in range(k):
                        if inside(i, r) and inside(j, c):
                            mask[i * self.out + j, r * k + c] = 1
        self.register_buffer("mask", mask)
        # Ours holds this kernel as [k, k, d, m]; the [d, k*k, m] layout here is the one it is read in.
        self.weight = nn.Parameter(torch.randn(noise_dim, k * k, out_channels) * 0.02)

    def forward(self, eps):
        n, d = eps.shape
        taps, m = self.weight.shape[1:]
        per_tap = eps @ self.weight.reshape(d, taps * m)
        by_tap = per_tap.view(n, taps, m).transpose(0, 1).reshape(taps, n * m)
        summed = self.mask @ by_tap
        return summed.view(self.out, self.out, n, m).permute(2, 3, 0, 1)


def ali(width: float, size: int = 28, channels: int = 1, code: int = 128, noise: int = 128):
    """@mine/nets' aliEncoder, aliDecoder and aliDiscriminator (Tables 7-9) layer for layer: the same
    kernel sizes, strides, channels at the width, batch norms (after every convolution but the
    encoder's and discriminator's first and the decoder's last; no bias before them), ReLU in the
    encoder and decoder, LeakyReLU 0.2 in the discriminator, tanh out. The trainable parameters of
    each network equal ours (K2 compares the counts)."""
    sizes = [size]
    for _ in range(3):
        sizes.insert(0, math.ceil(sizes[0] / 2))  # 'same' stride-2 steps: 28 -> 14 -> 7 -> 4
    coarse = sizes[0]
    e = [scaled(b, width) for b in (64, 128, 256, 256)]
    g = [scaled(b, width) for b in (256, 128, 64)]
    d = [scaled(b, width) for b in (64, 128, 256)]
    dense = scaled(1024, width)

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.image = nn.Conv2d(channels, e[0], 5, 2, 2)
            self.noise = TiledNoiseConv(size, noise, e[0])
            self.convs = nn.ModuleList(
                [
                    nn.Conv2d(e[0], e[1], 5, 2, 2, bias=False),
                    nn.Conv2d(e[1], e[2], 5, 2, 2, bias=False),
                    nn.Conv2d(e[2], e[3], coarse, 1, 0, bias=False),  # 4x4 'valid': 4x4 -> 1x1
                ]
            )
            self.bns = nn.ModuleList([nn.BatchNorm2d(k) for k in e[1:]])
            self.fc = nn.Linear(e[3], code)

        def forward(self, x, eps):
            h = torch.relu(self.image(x) + self.noise(eps))
            for conv, bn in zip(self.convs, self.bns):
                h = torch.relu(bn(conv(h)))
            return self.fc(h.flatten(1))

    class Decoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(code, coarse * coarse * g[0], bias=False)
            self.bn0 = nn.BatchNorm2d(g[0])
            self.deconvs = nn.ModuleList(
                [
                    nn.ConvTranspose2d(g[0], g[1], 5, 2, 2, transposed_padding(sizes[0], sizes[1]), bias=False),
                    nn.ConvTranspose2d(g[1], g[2], 5, 2, 2, transposed_padding(sizes[1], sizes[2]), bias=False),
                ]
            )
            self.bns = nn.ModuleList([nn.BatchNorm2d(k) for k in g[1:]])
            self.out = nn.ConvTranspose2d(g[2], channels, 5, 2, 2, transposed_padding(sizes[2], sizes[3]))

        def forward(self, z):
            h = torch.relu(self.bn0(self.fc(z).view(-1, g[0], coarse, coarse)))
            for deconv, bn in zip(self.deconvs, self.bns):
                h = torch.relu(bn(deconv(h)))
            return torch.tanh(self.out(h))

    class Discriminator(nn.Module):
        def __init__(self):
            super().__init__()
            self.convs = nn.ModuleList(
                [
                    nn.Conv2d(channels, d[0], 5, 2, 2),
                    nn.Conv2d(d[0], d[1], 5, 2, 2, bias=False),
                    nn.Conv2d(d[1], d[2], 5, 2, 2, bias=False),
                ]
            )
            self.bns = nn.ModuleList([nn.BatchNorm2d(k) for k in d[1:]])
            self.fc = nn.Linear(coarse * coarse * d[2] + code, dense)
            self.out = nn.Linear(dense, 1)

        def forward(self, x, z):
            h = nn.functional.leaky_relu(self.convs[0](x), 0.2)
            for conv, bn in zip(self.convs[1:], self.bns):
                h = nn.functional.leaky_relu(bn(conv(h)), 0.2)
            h = nn.functional.leaky_relu(self.fc(torch.cat([h.flatten(1), z], 1)), 0.2)
            return self.out(h).squeeze(1)

    return Encoder(), Decoder(), Discriminator()


def adversarial_losses(logits):
    """@mine/ali's adversarialLosses: n real pairs then n fake ones -> (discriminator, generator)."""
    real, fake = logits.chunk(2)
    softplus = nn.functional.softplus
    return softplus(-real).mean() + softplus(fake).mean(), softplus(real).mean() + softplus(-fake).mean()


@contextlib.contextmanager
def second_pass(*modules):
    """AliTrainer's passes after the first: batch norm in training mode without moving its
    averages (momentum 0 keeps them)."""
    norms = [m for module in modules for m in module.modules() if isinstance(m, nn.BatchNorm2d)]
    momenta = [bn.momentum for bn in norms]
    for bn in norms:
        bn.momentum = 0.0
    try:
        yield
    finally:
        for bn, momentum in zip(norms, momenta):
            bn.momentum = momentum


def k2_ali(args):
    """One iteration of @mine/ali's AliTrainer for plain ALI (batch 100, codes and noise of 128,
    Adam 1e-4, beta1 0.5, epsilon 1e-7 as tfjs's): a batch drawn from a fixed set of random images,
    encoder and decoder forward, one discriminator step on (x, E(x)) against (G(z), z), then one
    encoder and decoder step that runs both again and differentiates through D without its weight
    gradients (ours computes none either)."""
    torch.manual_seed(args.seed)
    enc, dec, disc = ali(args.width)
    adam = dict(lr=1e-4, betas=(0.5, 0.999), eps=1e-7)
    og = torch.optim.Adam([*enc.parameters(), *dec.parameters()], **adam)
    od = torch.optim.Adam(disc.parameters(), **adam)
    batch, code, noise = 100, 128, 128
    data = torch.rand(args.images, 1, 28, 28) * 2 - 1

    def iteration():
        x = data[torch.randint(0, args.images, (batch,))]
        eps = torch.randn(batch, noise)
        z = torch.randn(batch, code)
        with torch.no_grad():
            z_hat = enc(x, eps)
            x_hat = dec(z)
        loss_d, _ = adversarial_losses(disc(torch.cat([x, x_hat]), torch.cat([z_hat, z])))
        od.zero_grad()
        loss_d.backward()
        od.step()
        disc.requires_grad_(False)
        with second_pass(enc, dec, disc):
            logits = disc(torch.cat([x, dec(z)]), torch.cat([enc(x, eps), z]))
        _, loss_g = adversarial_losses(logits)
        og.zero_grad()
        loss_g.backward()
        og.step()
        disc.requires_grad_(True)

    result = timed(iteration, args.warmup, args.iterations)
    result["parameters"] = {
        "encoder": parameter_count(enc),
        "decoder": parameter_count(dec),
        "discriminator": parameter_count(disc),
    }
    return result


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
    parser.add_argument("benchmark", choices=["k2", "k2-ali", "b1"])
    parser.add_argument("--width", type=float, default=1.0)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--images", type=int, default=1000, help="k2-ali: random images to draw batches from")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    result = {"k2": k2, "k2-ali": k2_ali, "b1": b1}[args.benchmark](args)
    result.update(
        {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()

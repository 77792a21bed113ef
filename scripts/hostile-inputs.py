#!/usr/bin/env python3
"""Writes the hostile inputs of issue #7 into a folder, for measuring egressctl and the server by hand:

    python3 scripts/hostile-inputs.py /tmp/hostile
    for f in /tmp/hostile/*.yaml; do /usr/bin/time -f "%e s %M KB $f" egressctl validate "$f" >/dev/null; done
"""
import os
import sys

HEAD = """apiVersion: istio.alibabacloud.com/v1
kind: ASMEgressTrafficPolicy
metadata:
  name: {name}
  namespace: istio-egress
spec:
  byEgressGateway:
    name: egressgateway
  egressRules:
"""

RULE = """  - from:
    - namespace: ns{i}
      workloadSelector:
        app: app{i}
    to:
    - name: svc-{i}
      hosts:
      - host{i}.example.com
      port:
        name: http
        number: 80
        protocol: HTTP
      byEgressGateway:
        port: 80
"""


def policy(name, rules):
    return HEAD.format(name=name) + "".join(RULE.format(i=i) for i in range(rules))


def write(folder, name, text, encoding="utf-8"):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(text.encode(encoding) if isinstance(text, str) else text)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    hosts = "".join(f"      - h{i}.example.com\n" for i in range(50))
    anchor = f"""  - from:
    - namespace: ns
    to: &T
    - name: svc
      hosts:
{hosts}      port:
        name: http
        number: 80
        protocol: HTTP
      byEgressGateway:
        port: 80
"""
    write(folder, "alias-amplification.yaml", HEAD.format(name="alias") + anchor
          + "".join(f"  - from:\n    - namespace: n{i}\n    to: *T\n" for i in range(1000)))
    write(folder, "alias-billion-laughs.yaml", "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
          + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
          + HEAD.format(name="laughs").replace("apiVersion", "z: *i\napiVersion", 1) + RULE.format(i=0))
    for n in (10_000, 40_000):
        write(folder, f"unknown-keys-{n // 1000}k.yaml",
              policy("unknown", 1).replace("spec:\n", "spec:\n" + "".join(f"  k{i}: v\n" for i in range(n)), 1))
    write(folder, "duplicate-keys-40k.yaml", policy("dup", 1).replace("spec:\n", "spec:\n" + "  k: v\n" * 40_000, 1))
    write(folder, "flow-nesting-100k.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    write(folder, "block-nesting-2k.yaml", "".join(" " * i + f"k{i}:\n" for i in range(2_000)))
    for n in (30_000, 100_000):
        write(folder, f"documents-{n // 1000}k.yaml", "---\na: 1\n" * n)
    for mb in (10, 50):
        rules = mb * 1024 * 1024 // len(RULE.format(i=1000))
        write(folder, f"policy-{mb}mb.yaml", policy(f"big{mb}", rules))
    write(folder, "duplicate-identity.yaml", policy("same", 1) + "---\n" + policy("same", 1))
    write(folder, "misspelt-kind.yaml", policy("kind", 1).replace("ASMEgressTrafficPolicy", "AsmEgressTrafficPolicy"))
    write(folder, "utf16-no-bom.yaml", policy("utf16", 1), "utf-16-le")
    write(folder, "nul-filled.yaml", b"\0" * 4096)
    write(folder, "control-characters.yaml",
          policy("ctl", 1).replace("svc-0", "svc-\u001b[31mred\u001b[0m-\u202eevil"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile")

#!/usr/bin/env python3
"""Run a command under the seccomp filters of hearing-planner.service, without systemd.

    systemd/sandbox.py [--unit FILE] [--strict] -- COMMAND [ARGUMENT...]

With --strict, a system call outside the allow list kills the command (SIGSYS, "Bad system
call") instead of failing with the unit's SystemCallErrorNumber=, so that a refusal the program
would quietly survive shows up; `strace -f` on the same command names the call.

Where systemd is not PID 1 (a container, CI), `systemd-run` cannot start the unit, but the
kernel filters it would install can be installed here, with the same rules, before running the
command. This approximates these options of the unit:

- SystemCallFilter= (every line, in order; groups expanded by `systemd-analyze syscall-filter`)
  with SystemCallErrorNumber=: a call outside the allowed set fails with that error;
- SystemCallArchitectures=native: libseccomp's default, only the native architecture;
- MemoryDenyWriteExecute=yes: systemd 252's rules (mmap asking for write and execute, mprotect
  and pkey_mprotect adding execute, shmat with SHM_EXEC fail with EPERM), and the kernel's own
  PR_SET_MDWE where the kernel has it (6.3 and later);
- RestrictAddressFamilies=: socket() with another family fails with EAFNOSUPPORT;
- NoNewPrivileges=yes.

It does not set up the mount, user, IPC or network namespaces, the IP address filter, the
capability bounding set or the dynamic user: those need systemd, or root and unshare(1). See
docs/operations.md for what was checked and what was not.

The filters need libseccomp (libseccomp2, present wherever systemd is installed) and
`systemd-analyze`. Exit status: the command's, or 125 when the sandbox could not be set up.
"""
import ctypes
import ctypes.util
import errno
import os
import re
import subprocess
import sys

UNIT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hearing-planner.service")

SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_EQ, SCMP_CMP_GE, SCMP_CMP_GT, SCMP_CMP_MASKED_EQ = range(1, 8)
PROT_WRITE, PROT_EXEC = 0x2, 0x4
SHM_EXEC = 0o100000
PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
FAMILIES = {"AF_UNIX": 1, "AF_LOCAL": 1, "AF_INET": 2, "AF_INET6": 10, "AF_NETLINK": 16, "AF_PACKET": 17}


def fail(message):
    print(f"sandbox.py: {message}", file=sys.stderr)
    sys.exit(125)


def errno_action(number):
    return 0x00050000 | (number & 0xFFFF)


class ArgumentComparison(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


class Filter:
    """One seccomp filter: a default action and rules, loaded into the kernel by load()."""

    library = None

    def __init__(self, default_action):
        if Filter.library is None:
            name = ctypes.util.find_library("seccomp") or "libseccomp.so.2"
            try:
                Filter.library = ctypes.CDLL(name, use_errno=True)
            except OSError as error:
                fail(f"libseccomp is missing ({error}); install libseccomp2")
            Filter.library.seccomp_init.restype = ctypes.c_void_p
            Filter.library.seccomp_init.argtypes = [ctypes.c_uint32]
            Filter.library.seccomp_rule_add_array.argtypes = [
                ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint, ctypes.POINTER(ArgumentComparison)]
            Filter.library.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
            Filter.library.seccomp_load.argtypes = [ctypes.c_void_p]
            Filter.library.seccomp_release.argtypes = [ctypes.c_void_p]
        self.context = Filter.library.seccomp_init(default_action)
        if not self.context:
            fail("seccomp_init failed")

    @staticmethod
    def number(name):
        return Filter.library.seccomp_syscall_resolve_name(name.encode())

    def add(self, action, name, *comparisons):
        number = Filter.number(name)
        if number < 0:  # not a system call of this architecture
            return
        array = (ArgumentComparison * max(1, len(comparisons)))(*comparisons)
        result = Filter.library.seccomp_rule_add_array(self.context, action, number, len(comparisons), array)
        if result < 0 and result != -errno.EEXIST:
            fail(f"cannot add a rule for {name}: {os.strerror(-result)}")

    def load(self):
        result = Filter.library.seccomp_load(self.context)
        if result < 0:
            fail(f"seccomp_load failed: {os.strerror(-result)}")
        Filter.library.seccomp_release(self.context)


def syscall_groups():
    """Every group `systemd-analyze syscall-filter` knows, as name -> entries (calls and @groups)."""
    try:
        text = subprocess.run(["systemd-analyze", "syscall-filter"], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        fail(f"systemd-analyze syscall-filter failed: {error}")
    groups, current = {}, None
    for line in text.splitlines():
        if line.startswith("@"):
            current = groups.setdefault(line.strip(), [])
        elif line.strip() and not line.strip().startswith("#") and current is not None and line.startswith(" "):
            current.append(line.strip())
        elif not line.strip():
            current = None
    return groups


def expand(entries, groups, seen=None):
    seen = set() if seen is None else seen
    calls = set()
    for entry in entries:
        if entry.startswith("@"):
            if entry in seen:
                continue
            seen.add(entry)
            if entry not in groups:
                fail(f"unknown system call group {entry}")
            calls |= expand(groups[entry], groups, seen)
        else:
            calls.add(entry)
    return calls


def unit_settings(path):
    settings = {}
    with open(path) as unit:
        for line in unit:
            match = re.match(r"^([A-Za-z]+)=(.*)$", line.strip())
            if match:
                settings.setdefault(match.group(1), []).append(match.group(2).strip())
    return settings


def allowed_calls(lines, groups):
    """The allow list of SystemCallFilter= lines, applied in order as systemd does."""
    allowed = None
    for line in lines:
        deny = line.startswith("~")
        calls = expand(line.lstrip("~").split(), groups)
        if allowed is None:
            if deny:
                fail("only an allow list followed by deny lines is supported")
            allowed = calls
        elif deny:
            allowed -= calls
        else:
            allowed |= calls
    return allowed


def main(arguments):
    unit, strict = UNIT, False
    while arguments[:1] in (["--unit"], ["--strict"]):
        if arguments[0] == "--unit":
            unit, arguments = arguments[1], arguments[2:]
        else:
            strict, arguments = True, arguments[1:]
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    if not arguments:
        fail("usage: sandbox.py [--unit FILE] [--strict] -- COMMAND [ARGUMENT...]")
    settings = unit_settings(unit)
    groups = syscall_groups()
    libc = ctypes.CDLL(None, use_errno=True)

    if settings.get("NoNewPrivileges") == ["yes"] and libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        fail("PR_SET_NO_NEW_PRIVS failed")

    filters = []
    if "SystemCallFilter" in settings:
        error_name = (settings.get("SystemCallErrorNumber") or ["EPERM"])[-1]
        action = 0x80000000 if strict or error_name == "kill" else errno_action(getattr(errno, error_name))
        allow_list = Filter(action)
        for call in sorted(allowed_calls(settings["SystemCallFilter"], groups)):
            allow_list.add(SCMP_ACT_ALLOW, call)
        filters.append(allow_list)

    if settings.get("MemoryDenyWriteExecute") == ["yes"]:
        write_execute = Filter(SCMP_ACT_ALLOW)
        deny = errno_action(errno.EPERM)
        write_execute.add(deny, "mmap", ArgumentComparison(2, SCMP_CMP_MASKED_EQ, PROT_WRITE | PROT_EXEC, PROT_WRITE | PROT_EXEC))
        write_execute.add(deny, "mmap2", ArgumentComparison(2, SCMP_CMP_MASKED_EQ, PROT_WRITE | PROT_EXEC, PROT_WRITE | PROT_EXEC))
        write_execute.add(deny, "mprotect", ArgumentComparison(2, SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC))
        write_execute.add(deny, "pkey_mprotect", ArgumentComparison(2, SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC))
        write_execute.add(deny, "shmat", ArgumentComparison(2, SCMP_CMP_MASKED_EQ, SHM_EXEC, SHM_EXEC))
        filters.append(write_execute)
        # The kernel's own rule, where it has one (Linux 6.3+); EINVAL elsewhere, which is fine.
        libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0)

    if "RestrictAddressFamilies" in settings:
        names = " ".join(settings["RestrictAddressFamilies"]).split()
        if any(name.startswith("~") for name in names):
            fail("only an allow list of address families is supported")
        allowed = sorted({FAMILIES[name] for name in names})
        families = Filter(SCMP_ACT_ALLOW)
        refuse = errno_action(errno.EAFNOSUPPORT)
        # Refuse every family between and around the allowed ones.
        previous = -1
        for family in allowed + [None]:
            low = previous + 1
            if family is None:
                families.add(refuse, "socket", ArgumentComparison(0, SCMP_CMP_GE, low, 0))
                break
            for value in range(low, family):
                families.add(refuse, "socket", ArgumentComparison(0, SCMP_CMP_EQ, value, 0))
            previous = family
        filters.append(families)

    command = arguments[0]
    if "/" not in command:
        found = [os.path.join(folder, command) for folder in os.environ.get("PATH", "").split(":")
                 if os.access(os.path.join(folder, command), os.X_OK)]
        command = found[0] if found else command
    # The allow list goes last: loading a filter needs seccomp(2), which the allow list refuses.
    for seccomp_filter in reversed(filters):
        seccomp_filter.load()
    try:
        os.execv(command, arguments)
    except OSError as error:
        print(f"sandbox.py: cannot run {arguments[0]}: {error}", file=sys.stderr)
        sys.exit(127)


if __name__ == "__main__":
    main(sys.argv[1:])

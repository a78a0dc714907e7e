"""Build script for the cardtoken Python package.

`pip install .` compiles the C core (core/src/*.c) and the Python shim
(python/cardtoken/_cardtoken*.c) into one extension module,
`cardtoken._cardtoken`. libcurl, OpenSSL and jansson are found with
pkg-config; a missing one stops the build with the Debian package to install.
Metadata lives in pyproject.toml; only what needs code is here.
"""

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))

# pkg-config module -> Debian package that provides its development files.
DEPENDENCIES = (
    ("libcurl", "libcurl4-openssl-dev"),
    ("openssl", "libssl-dev"),
    ("jansson", "libjansson-dev"),
)


def read_build_flags(*names):
    """The named flag sets of core/build.mk (the Makefile's, fuzz/'s and
    config.m4's too), in order."""
    values = {}
    with open(os.path.join(HERE, "core", "build.mk"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^(CT_[A-Z_]+) = (.*)$", line.rstrip("\n"))
            if m:
                values[m.group(1)] = m.group(2).split()
    missing = [n for n in names if n not in values]
    if missing:
        raise BuildError("core/build.mk lacks " + ", ".join(missing))
    return [flag for n in names for flag in values[n]]


class BuildError(SystemExit):
    """Stops the build with a message meant for the person running pip."""

    def __init__(self, message):
        super().__init__("\ncardtoken build error: " + message + "\n")


def read_version():
    with open(os.path.join(HERE, "core", "include", "cardtoken.h"), encoding="utf-8") as f:
        m = re.search(r'^#define CT_VERSION "([^"]+)"', f.read(), re.M)
    if not m:
        raise BuildError("CT_VERSION not found in core/include/cardtoken.h")
    return m.group(1)


def pkg_config(*args):
    res = subprocess.run(
        ["pkg-config", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False
    )
    return res.returncode, res.stdout.split()


def find_libraries():
    """(cflags, libs) for the three libraries, or a BuildError naming what to install."""
    if shutil.which("pkg-config") is None:
        debs = " ".join(["pkg-config"] + [deb for _, deb in DEPENDENCIES])
        raise BuildError(
            "pkg-config was not found; it is needed to locate libcurl, OpenSSL and jansson.\n"
            "On Debian/Ubuntu install it with:  apt-get install " + debs
        )
    missing = [(mod, deb) for mod, deb in DEPENDENCIES if pkg_config("--exists", mod)[0] != 0]
    if missing:
        names = ", ".join(f"{mod} (Debian package {deb})" for mod, deb in missing)
        raise BuildError(
            "pkg-config cannot find: " + names + ".\n"
            "On Debian/Ubuntu install them with:  apt-get install "
            + " ".join(deb for _, deb in missing)
        )
    mods = [mod for mod, _ in DEPENDENCIES]
    rc1, cflags = pkg_config("--cflags", *mods)
    rc2, libs = pkg_config("--libs", *mods)
    if rc1 or rc2:
        raise BuildError("pkg-config failed for " + " ".join(mods))
    return cflags, libs


def python_dev_package():
    """The Debian package with this interpreter's headers: python3.11-dev, or python3-dev."""
    ver = f"python{sys.version_info.major}.{sys.version_info.minor}-dev"
    return "python3-dev (or " + ver + ")"


def check_toolchain(compiler):
    """A BuildError naming the Debian packages when the C compiler or Python.h is missing."""
    missing = []
    cc = getattr(compiler, "compiler_so", None) or shlex.split(sysconfig.get_config_var("CC") or "cc")
    if shutil.which(cc[0]) is None:
        missing.append(("a C compiler (" + cc[0] + ")", "build-essential"))
    include = sysconfig.get_paths().get("include", "")
    if not os.path.isfile(os.path.join(include, "Python.h")):
        missing.append(("Python.h in " + include, python_dev_package()))
    if missing:
        raise BuildError(
            "cannot build the C extension: missing "
            + "; ".join(what for what, _ in missing)
            + ".\nOn Debian/Ubuntu install them with:  apt-get install "
            + " ".join(deb.split(" ")[0] for _, deb in missing)
            + "".join(f"\n  ({what}: {deb})" for what, deb in missing)
        )


class BuildExt(build_ext):
    """Adds the pkg-config flags at build time (not when only metadata is asked for)."""

    def build_extensions(self):
        check_toolchain(self.compiler)
        cflags, libs = find_libraries()
        for ext in self.extensions:
            ext.extra_compile_args = (
                read_build_flags("CT_CSTD", "CT_WARN", "CT_WERROR", "CT_HIDDEN", "CT_EMBED")
                + cflags
                + ext.extra_compile_args
            )
            ext.extra_link_args = libs + ext.extra_link_args
        if self.parallel is None:
            self.parallel = 2
        super().build_extensions()


def extension_sources():
    core = sorted(glob.glob(os.path.join("core", "src", "*.c")))
    shim = sorted(glob.glob(os.path.join("python", "cardtoken", "_cardtoken*.c")))
    if not core:
        raise BuildError("no C core sources found in core/src/ (run from the project's top directory)")
    if not shim:
        raise BuildError("python/cardtoken/_cardtoken*.c are missing")
    return shim + core


os.chdir(HERE)  # setuptools wants relative source paths

setup(
    version=read_version(),
    ext_modules=[
        Extension(
            "cardtoken._cardtoken",
            sources=extension_sources(),
            include_dirs=[os.path.join("core", "include")],
            depends=sorted(glob.glob(os.path.join("core", "include", "*.h")))
            + sorted(glob.glob(os.path.join("core", "src", "*.h")))
            + sorted(glob.glob(os.path.join("python", "cardtoken", "_cardtoken*.h"))),
        )
    ],
    cmdclass={"build_ext": BuildExt},
)

"""The wast2json cache that tests/spec/validate.t and tests/spec/run share:
build/spec-json/<tag>/<name>/, with the arguments that made it in
.wast2json-args.  Tests running at once (prove -j) may convert the same file
at the same time: each converts into a private directory and renames it into
place, and one that finds a fresh conversion already there keeps that one,
so that a directory another test is reading is never removed under it."""
import os
import shutil

STAMP = ".wast2json-args"


def args_of(wast, flags):
    """What the stamp records: the file and wast2json's flags."""
    return " ".join([str(wast), *flags])


def fresh(dest, wast, args):
    """Whether dest holds a conversion of wast with args, newer than wast."""
    jpath = dest / f"{wast.stem}.json"
    try:
        return (jpath.is_file() and (dest / STAMP).read_text() == args
                and jpath.stat().st_mtime >= wast.stat().st_mtime)
    except OSError:
        return False


def publish(tmp, dest, wast, args):
    """Move the conversion in tmp to dest, unless a fresh one is there;
    returns the JSON file's path."""
    (tmp / STAMP).write_text(args)
    try:
        os.rename(tmp, dest)  # fails if dest holds anything
    except OSError:
        if not fresh(dest, wast, args):  # a stale one: replace it
            shutil.rmtree(dest, ignore_errors=True)
            try:
                os.rename(tmp, dest)
            except OSError:
                if not fresh(dest, wast, args):
                    raise
    return dest / f"{wast.stem}.json"

;; A module whose instantiation fails: its data segment ends past its
;; memory.  The driver must say "cannot instantiate" and exit 134.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 65535) "xy")
  (func (export "_start")))

;; proc_exit(7) from the start function, during instantiation, before the
;; driver has set the context's memory: the driver must exit 7.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func $init (call $proc_exit (i32.const 7)))
  (start $init)
  (func (export "_start") (unreachable)))

;; bench/micro.wat - the small module bench/run instantiates and calls
;; (bench/micro.c): one page of memory with a data segment, a table with an
;; element segment, a global, an empty export and a one-line one.
(module
  (memory (export "memory") 1)
  (table 4 funcref)
  (global $g (mut i32) (i32.const 0))
  (func $empty (export "empty"))
  (func $inc (export "inc") (param i32) (result i32)
    (global.set $g (i32.add (global.get $g) (local.get 0)))
    (global.get $g))
  (elem (i32.const 0) $empty $inc)
  (data (i32.const 16) "hello"))

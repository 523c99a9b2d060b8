;; Stores of a versioned loop (transpiler/loops.c) that runs out of bounds:
;; the test on entry fails, the loop runs checked, and the stores before the
;; trap stay.  Check mode only: in guard mode memory after a trap may differ,
;; and mask mode does not trap.

(module
  (memory 1)
  (func (export "fill") (param $p i32) (param $n i32) (param $v i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))
                 (local.get $v))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                        (local.get $n)))))
  (func (export "fill_down") (param $p i32) (param $n i32) (param $v i64)
    (loop $l
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (i64.store offset=8 (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3)))
                 (local.get $v))
      (br_if $l (local.get $n))))
  (func (export "load32") (param $a i32) (result i32) (i32.load (local.get $a)))
)

(assert_trap (invoke "fill" (i32.const 65524) (i32.const 4) (i32.const 6)) "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 65520)) (i32.const 0))
(assert_return (invoke "load32" (i32.const 65524)) (i32.const 6))
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 6))
;; downwards from p + 8 + 8 * 3: the first store is out of bounds, none stays
(assert_trap (invoke "fill_down" (i32.const 65512) (i32.const 4) (i64.const 7)) "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 65520)) (i32.const 0))
(assert_return (invoke "load32" (i32.const 65528)) (i32.const 6))

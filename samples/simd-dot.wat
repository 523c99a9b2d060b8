;; A dot product of two i32 vectors in linear memory, four lanes at a time.
(module
  (memory (export "memory") 1)
  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $acc v128)
    (block $done
      (loop $next
        (br_if $done (i32.lt_u (local.get $n) (i32.const 4)))
        (local.set $acc
          (i32x4.add (local.get $acc)
            (i32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $next)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $acc))
               (i32x4.extract_lane 1 (local.get $acc)))
      (i32.add (i32x4.extract_lane 2 (local.get $acc))
               (i32x4.extract_lane 3 (local.get $acc))))))

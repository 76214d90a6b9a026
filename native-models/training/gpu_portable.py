#!/usr/bin/env python3
"""Rewrite a click3d ONNX graph so that onnxruntime's WebGPU provider can run all of it.

onnxruntime 1.30's WebGPU ConvTranspose takes only 1D and 2D kernels ("Only Conv2d or Conv1d are supported",
seen on an NVIDIA H100), so each 3D ConvTranspose with kernel 2 and stride 2 (the U-Net's up-sampling) becomes
the exact equivalent: a 1x1x1 Conv to Cout*8 channels, then a depth-to-space shuffle (Reshape, Transpose,
Reshape). The outputs are the same numbers up to float rounding.

  /usr/bin/python3 native-models/training/gpu_portable.py in.onnx out.onnx
"""
import sys
import numpy as np
import onnx
from onnx import helper, numpy_helper, shape_inference


def _attr(node, name):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return None


def upsample_as_conv(model):
    model = shape_inference.infer_shapes(model)
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    shapes = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim] for v in list(g.value_info) + list(g.input)}
    nodes = []
    for n in g.node:
        if n.op_type != 'ConvTranspose' or list(_attr(n, 'kernel_shape') or []) != [2, 2, 2] or list(_attr(n, 'strides') or []) != [2, 2, 2]:
            nodes.append(n)
            continue
        x, w_name = n.input[0], n.input[1]
        w = numpy_helper.to_array(inits[w_name])                    # [Cin, Cout, 2, 2, 2]
        cin, cout = w.shape[:2]
        conv_w = w.transpose(1, 2, 3, 4, 0).reshape(cout * 8, cin, 1, 1, 1)   # row o*8 + a*4 + b*2 + c
        conv_b = np.repeat(numpy_helper.to_array(inits[n.input[2]]), 8) if len(n.input) > 2 and n.input[2] else np.zeros(cout * 8, np.float32)
        d, h, wd = shapes[x][2:]
        p = n.name or n.output[0]
        g.initializer.extend([
            numpy_helper.from_array(conv_w.astype(np.float32), p + '_w8'),
            numpy_helper.from_array(conv_b.astype(np.float32), p + '_b8'),
            numpy_helper.from_array(np.array([-1, cout, 2, 2, 2, d, h, wd], np.int64), p + '_s8'),
            numpy_helper.from_array(np.array([-1, cout, 2 * d, 2 * h, 2 * wd], np.int64), p + '_s5'),
        ])
        nodes += [
            helper.make_node('Conv', [x, p + '_w8', p + '_b8'], [p + '_y8'], kernel_shape=[1, 1, 1], name=p + '_conv'),
            helper.make_node('Reshape', [p + '_y8', p + '_s8'], [p + '_r8'], name=p + '_split'),
            # [N, C, a, b, c, D, H, W] -> [N, C, D, a, H, b, W, c]
            helper.make_node('Transpose', [p + '_r8'], [p + '_t8'], perm=[0, 1, 5, 2, 6, 3, 7, 4], name=p + '_shuffle'),
            helper.make_node('Reshape', [p + '_t8', p + '_s5'], [n.output[0]], name=p + '_merge'),
        ]
    del g.node[:]
    g.node.extend(nodes)
    used = {i for n in g.node for i in n.input}
    keep = [t for t in g.initializer if t.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    del g.value_info[:]
    onnx.checker.check_model(model)
    return model


if __name__ == '__main__':
    onnx.save(upsample_as_conv(onnx.load(sys.argv[1])), sys.argv[2])

#!/usr/bin/python3
"""Reference numbers of ambidex's hand2d protocol, computed the way mmpose computes its 2-D hand metrics.

A test-data generator, not part of ambidex, and independent of its Java code: written from what mmpose's code does
(mmpose/evaluation/functional/keypoint_eval.py: _calc_distances, _distance_acc, keypoint_pck_accuracy,
keypoint_auc, keypoint_epe; mmpose/evaluation/metrics/keypoint_2d_metrics.py: PCKAccuracy with norm_item 'bbox',
AUC, EPE; the dataset classes CocoWholeBodyHandDataset, BaseCocoStyleDataset.parse_data_info and
_is_valid_instance, FreiHandDataset), with the same NumPy dtypes at every step (float32 datasets and predictions,
float32 distances, a float32 box size, an integer AUC factor). NumPy only. Run with Debian's python3-numpy:

  /usr/bin/python3 hand2d_reference.py generate OUT_DIR
        small COCO-WholeBody and plain hand files with predictions (wholebody.json, wholebody_pred.json,
        plain.json, plain_pred.json) and the expected numbers (expected_wholebody.json,
        expected_plain_annotation.json, expected_plain_image.json)
  /usr/bin/python3 hand2d_reference.py expect COCO_JSON PRED_JSON BOX OUT_JSON
        the expected numbers of one file and predictions; BOX is 'annotation' or 'image'

What ambidex adds to mmpose, reproduced here: an instance without a predicted hand gets NaN coordinates (a miss at
every PCK and AUC threshold) and is left out of EPE; which predicted hand answers an instance (its side when
annotated, else the higher presence, right on a tie); per-side numbers; handedness; 'epe' sums the float32
distances in float64 ('epe_float32' is NumPy's float32 sum divided by the count, as mmpose has it: NumPy 1 divides in
float64, NumPy 2 in float32, so it differs between them in the last float32 digits; every other number is the same
under both).

The committed fixtures under src/test/resources/fixtures/hand2d/ were made with 'generate'.
"""
import json
import os
import sys

import numpy as np

K = 21
PCK_THR = 0.2
AUC_NORM = 30
AUC_STEPS = 20


# ---------------------------------------------------------------- the metric functions, as mmpose computes them
def normalised_distances(pred, gt, mask, norm):
    """[K, N] float32 distances ||(pred - gt) / norm||, -1 where the mask is off or the instance's norm is 0."""
    keep = mask.copy()
    keep[(norm == 0).sum(axis=1) > 0, :] = False
    norm = norm.copy()
    norm[norm <= 0] = 1e6
    out = np.full(mask.shape, -1, dtype=np.float32)
    scaled = (pred - gt) / norm[:, None, :]
    picked = scaled[keep]
    out[keep] = np.sqrt(np.add.reduce(picked * picked, axis=-1))
    return out.T


def accuracy_below(row, thr):
    """The fraction of a keypoint's distances under thr (strict), or -1 without distances."""
    counted = row != -1
    if counted.sum() == 0:
        return -1
    return (row[counted] < thr).sum() / counted.sum()


def pck(pred, gt, mask, thr, norm):
    """Per-keypoint accuracies and their mean over keypoints with data (0.0 without any)."""
    per_keypoint = np.array([accuracy_below(row, thr) for row in normalised_distances(pred, gt, mask, norm)])
    with_data = per_keypoint[per_keypoint >= 0]
    return per_keypoint, (with_data.mean() if len(with_data) > 0 else 0.0)


def auc(pred, gt, mask, norm_factor, steps):
    """The PCK of distance / norm_factor at i / steps, i = 0 .. steps - 1, each weighted 1 / steps."""
    norm = np.tile(np.array([[norm_factor, norm_factor]]), (pred.shape[0], 1))
    curve = [pck(pred, gt, mask, 1.0 * i / steps, norm)[1] for i in range(steps)]
    total = 0
    for value in curve:
        total += 1.0 / steps * value
    return total, curve


def pixel_distances(pred, gt, mask):
    """[K, N] float32 pixel distances (keypoint_epe's unit norm)."""
    return normalised_distances(pred, gt, mask, np.ones((pred.shape[0], pred.shape[2]), dtype=np.float32))


# ---------------------------------------------------------------- instances, as mmpose's hand datasets load them
def load_instances(coco, box_rule):
    images = {img['id']: img for img in coco['images']}
    out = []
    skipped = {'invalid_hands': 0, 'incomplete': 0}
    for ann in coco['annotations']:
        img = images[ann['image_id']]
        if 'lefthand_kpts' in ann:
            for side in ('left', 'right'):
                if not ann[side + 'hand_valid']:
                    skipped['invalid_hands'] += 1
                    continue
                xywh = np.array(ann[side + 'hand_box'], dtype=np.float32).reshape(1, 4)
                corners = xywh.copy()
                corners[:, 2] = corners[:, 2] + corners[:, 0]
                corners[:, 3] = corners[:, 3] + corners[:, 1]
                out.append(instance('%d/%s' % (ann['id'], side), side, ann[side + 'hand_kpts'], None,
                                    ann.get('iscrowd', 0), corners, img, box_rule))
        else:
            if 'bbox' not in ann or 'keypoints' not in ann:
                skipped['incomplete'] += 1
                continue
            x, y, w, h = ann['bbox']
            corners = np.array([np.clip(x, 0, img['width'] - 1), np.clip(y, 0, img['height'] - 1),
                                np.clip(x + w, 0, img['width'] - 1), np.clip(y + h, 0, img['height'] - 1)],
                               dtype=np.float32).reshape(1, 4)
            out.append(instance(str(ann['id']), None, ann['keypoints'], ann.get('num_keypoints'),
                                ann.get('iscrowd', 0), corners, img, box_rule))
    return out, skipped


def instance(id_, side, values, num_keypoints, crowd, corners, img, box_rule):
    raw = np.array(values, dtype=np.float32).reshape(1, -1, 3)
    xy = raw[..., :2]
    visible = np.minimum(1, raw[..., 2])
    if box_rule == 'image':
        corners = np.array([0, 0, img['width'], img['height']], dtype=np.float32).reshape(1, 4)
    if num_keypoints is None:
        num_keypoints = np.count_nonzero(xy.max(axis=2))
    size = np.max(corners[0][2:] - corners[0][:2])
    width, height = corners[0][2:4] - corners[0][:2]
    if crowd:
        left_out = 'crowd'
    elif num_keypoints == 0:
        left_out = 'no_keypoints'
    elif width <= 0 or height <= 0:
        left_out = 'empty_box'
    elif np.max(xy) <= 0:
        left_out = 'no_keypoints'
    else:
        left_out = None
    return {'id': id_, 'side': side, 'xy': xy, 'mask': visible.astype(bool).reshape(1, -1),
            'size': np.array([size, size]).reshape(-1, 2), 'left_out': left_out}


# ---------------------------------------------------------------- which predicted hand answers an instance
def presence(hand):
    if hand is None:
        return 0.0
    return 1.0 if hand.get('present') is None else hand['present']


def answer(inst, sample):
    hands = {s: h for s, h in sample['hands'].items() if h is not None}
    if inst['side'] is not None:
        hand = hands.get(inst['side'])
    elif 'right' in hands and 'left' in hands:
        hand = hands['left'] if presence(hands['left']) > presence(hands['right']) else hands['right']
    else:
        hand = hands.get('right', hands.get('left'))
    if hand is None:
        return None
    return np.array(hand['joints_2d'], dtype=np.float32).reshape(1, K, 2)


# ---------------------------------------------------------------- the expected numbers
def group_numbers(group):
    if not group:
        return None
    pred = np.concatenate([g[1] for g in group])
    gt = np.concatenate([g[0]['xy'] for g in group])
    mask = np.concatenate([g[0]['mask'] for g in group])
    size = np.concatenate([g[0]['size'] for g in group])
    per_keypoint, value = pck(pred, gt, mask, PCK_THR, size)
    area, curve = auc(pred, gt, mask, AUC_NORM, AUC_STEPS)
    predicted = ~np.isnan(pred).any(axis=(1, 2))
    pixels = pixel_distances(pred[predicted], gt[predicted], mask[predicted])
    counted = pixels[pixels != -1]
    per_keypoint_epe = [float(row[row != -1].astype(np.float64).mean()) if (row != -1).any() else None
                        for row in pixels]
    return {
        'pck': float(value),
        'pck_per_keypoint': [None if a < 0 else float(a) for a in per_keypoint],
        'auc': float(area),
        'auc_curve': [float(c) for c in curve],
        'epe': float(counted.astype(np.float64).sum() / len(counted)) if len(counted) else None,
        'epe_float32': float(counted.sum() / max(1, len(counted))),
        'epe_per_keypoint': per_keypoint_epe,
        'keypoints': int(mask.sum()),
        'distances': int(len(counted)),
    }


def expect(coco_file, pred_file, box_rule):
    with open(coco_file) as f:
        coco = json.load(f)
    with open(pred_file) as f:
        samples = {str(s['id']): s for s in json.load(f)['samples']}
    instances, skipped = load_instances(coco, box_rule)
    ids = {inst['id'] for inst in instances}
    groups = {'all': [], 'left': [], 'right': []}
    counts = {'instances': len(instances), 'evaluated': 0, 'crowd': 0, 'no_keypoints': 0, 'empty_box': 0,
              'without_sample': 0, 'without_hand': 0,
              'unmatched_predictions': sum(1 for i in samples if i not in ids)}
    counts.update(skipped)
    handed = [0, 0]
    for inst in instances:
        if inst['left_out'] is not None:
            counts[inst['left_out']] += 1
            continue
        counts['evaluated'] += 1
        sample = samples.get(inst['id'])
        pred = None if sample is None else answer(inst, sample)
        if sample is None:
            counts['without_sample'] += 1
        elif pred is None:
            counts['without_hand'] += 1
        if pred is None:
            pred = np.full((1, K, 2), np.nan, dtype=np.float32)
        groups['all'].append((inst, pred))
        if inst['side'] is not None:
            groups[inst['side']].append((inst, pred))
            hands = {} if sample is None else {s: h for s, h in sample['hands'].items() if h is not None}
            if hands:
                right, left = presence(hands.get('right')), presence(hands.get('left'))
                said = 'right' if right > left else 'left' if left > right else None
                handed[0] += said == inst['side']
                handed[1] += 1
    return {'format': 'ambidex hand2d reference/1', 'box': box_rule, 'numpy': np.__version__, 'counts': counts,
            'groups': {k: group_numbers(v) for k, v in groups.items()},
            'handedness': {'correct': handed[0], 'count': handed[1]}}


# ---------------------------------------------------------------- the generated fixture
def hand_values(rng, box, unlabelled=0.15):
    x, y, w, h = box
    out = []
    for _ in range(K):
        flag = int(rng.choice([0, 1, 2], p=[unlabelled, 0.25, 0.75 - unlabelled]))
        u, v = (0.0, 0.0) if flag == 0 else (round(x + rng.uniform(0, w), 3), round(y + rng.uniform(0, h), 3))
        out += [u, v, flag]
    return out


def random_box(rng, width, height):
    w, h = round(rng.uniform(20, 140), 2), round(rng.uniform(20, 140), 2)
    return [round(rng.uniform(0, width - w), 2), round(rng.uniform(0, height - h), 2), w, h]


def predicted(rng, values, scale):
    rows = []
    for k in range(K):
        u, v = values[3 * k], values[3 * k + 1]
        rows.append([round(u + rng.normal(0, scale), 4), round(v + rng.normal(0, scale), 4)])
    return rows


def probes(values, box):
    """Rows of one fully visible hand placed where float32 decides a threshold. Keypoints 0-5 sit on the box-normalised
    PCK threshold, 6-11 on AUC thresholds, each at a float32 position where mmpose's decision differs from that of
    another precision (all float64; a float64 norm rounded to float32; for PCK float32 differences divided in float64,
    for AUC all float32); the others lie exactly on a threshold. (A float64 threshold, or float64 differences of
    these float32 coordinates, would decide as mmpose does here: no float32 lies between a number and its nearest
    float32, and the difference of two float32 numbers within a factor of two is exact.)"""
    f32, f64 = np.float32, np.float64
    x, y, w, h = (f32(b) for b in box)
    size = max(f32(x + w) - x, f32(y + h) - y)  # COCO-WholeBody's float32 corners, as load_instances has them

    def length(x, y):
        return np.sqrt(x * x + y * y)

    # Each rule decides "distance < t" for predicted (u, v) and true (gu, gv), all float32 scalars; every step's
    # type is explicit, so that the rules do not depend on NumPy's scalar promotion (which NumPy 2 changed).
    pck_rules = [  # mmpose: a float32 box size keeps everything float32
        lambda u, v, gu, gv, t: length(f32(f32(u - gu) / size), f32(f32(v - gv) / size)) < f32(t),
        lambda u, v, gu, gv, t: length(f64(u - gu) / f64(size), f64(v - gv) / f64(size)) < t,
        lambda u, v, gu, gv, t: f32(length(f64(u - gu) / f64(size), f64(v - gv) / f64(size))) < f32(t),
        lambda u, v, gu, gv, t: f32(length(f64(f32(u - gu)) / f64(size), f64(f32(v - gv)) / f64(size))) < f32(t)]
    auc_rules = [  # mmpose: the integer factor makes the division and norm float64, stored as float32
        lambda u, v, gu, gv, t: f32(length(f64(f32(u - gu)) / f64(AUC_NORM), f64(f32(v - gv)) / f64(AUC_NORM)))
        < f32(t),
        lambda u, v, gu, gv, t: length(f64(u - gu) / f64(AUC_NORM), f64(v - gv) / f64(AUC_NORM)) < t,
        lambda u, v, gu, gv, t: f32(length(f32(f32(u - gu) / f32(AUC_NORM)), f32(f32(v - gv) / f32(AUC_NORM))))
        < f32(t)]
    rows = [[values[3 * k], values[3 * k + 1]] for k in range(K)]
    for k in range(12):
        if k < 6:
            chosen, thr, reach = pck_rules, PCK_THR, PCK_THR * float(size)
        else:
            chosen, thr = auc_rules, [2, 5, 7, 10, 13, 19][k - 6] / AUC_STEPS
            reach = thr * AUC_NORM
        rows[k] = boundary(f32(values[3 * k]), f32(values[3 * k + 1]), reach, chosen[0],
                           chosen[1 + k % (len(chosen) - 1)], thr, k)
    for k in range(12, K):
        rows[k][0] = values[3 * k] + [0.2 * float(size), 1.5, 3.0, 4.5, 28.5, 30.0, 15.0, 0.1, 6.0][k - 12]
    return rows


def boundary(gu, gv, reach, mine, other, thr, k):
    """A float32 point near distance `reach` from (gu, gv) where the two decisions differ: for u a little inside the
    threshold, v is bisected to where `mine` turns, and the float32 values of v about that turn are searched."""
    for j in range(400):
        u = np.float32(float(gu) + (0.999 - 0.001 * j) * reach)
        lo, hi = gv, np.float32(float(gv) + reach)
        while True:
            mid = np.float32((float(lo) + float(hi)) / 2)
            if mid in (lo, hi):
                break
            if mine(u, mid, gu, gv, thr):
                lo = mid
            else:
                hi = mid
        up = down = hi
        for _ in range(100):
            for v in (up, down):
                if mine(u, v, gu, gv, thr) != other(u, v, gu, gv, thr):
                    return [float(u), float(v)]
            up, down = np.nextafter(up, np.float32(np.inf)), np.nextafter(down, np.float32(-np.inf))
    raise SystemExit('no float32 boundary found for keypoint %d' % k)


def generate(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.RandomState(20240719)
    # COCO-WholeBody: persons with two hands each, plus the cases mmpose leaves out.
    images = [{'id': 100 + i, 'file_name': '%012d.jpg' % (100 + i), 'width': 640, 'height': 480}
              for i in range(6)]
    anns = []
    for p in range(16):
        ann = {'id': 5000 + p, 'image_id': 100 + p % 6, 'iscrowd': 0, 'category_id': 1,
               'segmentation': [[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]], 'area': 1234.5, 'bbox': [1.0, 2.0, 300.0, 400.0],
               'keypoints': [0] * 51, 'num_keypoints': 0, 'face_box': [0, 0, 0, 0], 'face_valid': False,
               'face_kpts': [0] * 204, 'foot_kpts': [0] * 18, 'foot_valid': False}
        for side in ('left', 'right'):
            valid = rng.uniform() < 0.85
            box = random_box(rng, 640, 480) if valid else [0, 0, 0, 0]
            ann[side + 'hand_valid'] = bool(valid)
            ann[side + 'hand_box'] = box
            ann[side + 'hand_kpts'] = hand_values(rng, box) if valid else [0] * 63
        anns.append(ann)
    anns[3]['iscrowd'] = 1
    anns[3]['righthand_valid'], anns[3]['righthand_box'] = True, [50.5, 60.25, 80.0, 90.0]
    anns[3]['righthand_kpts'] = hand_values(rng, anns[3]['righthand_box'])
    anns[4]['lefthand_valid'], anns[4]['lefthand_box'] = True, [120.0, 130.0, 0.0, 55.0]
    anns[4]['lefthand_kpts'] = hand_values(rng, [120.0, 130.0, 10.0, 55.0])
    anns[5]['righthand_valid'], anns[5]['righthand_box'], anns[5]['righthand_kpts'] = True, [10, 10, 40, 40], [0] * 63
    anns[6]['lefthand_valid'], anns[6]['lefthand_box'] = True, [200.0, 210.0, 60.0, 70.0]
    anns[6]['lefthand_kpts'] = [v if i % 3 != 2 else 0 for i, v in enumerate(
        hand_values(rng, [200.0, 210.0, 60.0, 70.0], unlabelled=0.0))]
    anns[7]['righthand_valid'], anns[7]['righthand_box'] = True, [333.33, 222.22, 111.11, 99.99]
    anns[7]['righthand_kpts'] = hand_values(rng, anns[7]['righthand_box'], unlabelled=0.0)
    for ann in anns[8:10]:
        for side in ('left', 'right'):
            ann[side + 'hand_valid'], ann[side + 'hand_box'] = True, random_box(rng, 640, 480)
            ann[side + 'hand_kpts'] = hand_values(rng, ann[side + 'hand_box'])
    coco = {'info': {'description': 'ambidex hand2d test'}, 'licenses': [], 'images': images, 'annotations': anns,
            'categories': [{'id': 1, 'name': 'person'}]}
    instances = []
    for ann in anns:
        for side in ('left', 'right'):
            if ann[side + 'hand_valid']:
                instances.append(('%d/%s' % (ann['id'], side), side, ann[side + 'hand_kpts'], ann[side + 'hand_box']))
    samples = []
    for n, (id_, side, values, box) in enumerate(instances):
        if id_ == '5008/left':
            continue  # no prediction at all
        other = 'left' if side == 'right' else 'right'
        scale = [0.6, 2.5, 8.0, 25.0, 60.0][n % 5]
        hand = {'joints_2d': predicted(rng, values, scale), 'present': round(float(rng.uniform(0.5, 1)), 3)}
        if id_ == '5007/right':
            hand['joints_2d'] = probes(values, box)
        hands = {side: hand}
        if id_ == '5008/right':
            hands = {other: hand}  # only the other side: a miss
        elif id_ == '5009/left':
            hands[other] = {'joints_2d': predicted(rng, values, 90.0), 'present': 0.99}  # handedness wrong
        elif id_ == '5009/right':
            hand['joints'] = [[0.01 * k, 0.02, 0.5] for k in range(K)]  # 3-D joints too, and no presence
            del hand['present']
        elif n % 4 == 1:
            hands[other] = {'joints_2d': predicted(rng, values, 90.0), 'present': round(float(rng.uniform(0, 1)), 3)}
        samples.append({'id': id_, 'hands': hands})
    samples.append({'id': '999999/right', 'hands': {'right': {'joints_2d': [[1.0, 2.0]] * K}}})
    write(os.path.join(out, 'wholebody.json'), coco)
    write(os.path.join(out, 'wholebody_pred.json'), predictions(samples))

    # Plain (OneHand10K-like): one annotation a hand, boxes reaching outside the image, side unknown.
    sizes = [(320, 240), (224, 224), (400, 300), (256, 256), (500, 375)]
    images = [{'id': i + 1, 'file_name': 'img/%d.jpg' % (i + 1), 'width': w, 'height': h}
              for i, (w, h) in enumerate(sizes)]
    anns = []
    for a in range(18):
        w, h = sizes[a % 5]
        box = random_box(rng, w, h)
        if a % 3 == 0:
            box[0] = round(box[0] - 0.6 * box[2], 2)
        if a % 3 == 1:
            box[2] = round(box[2] + w, 2)
        values = hand_values(rng, box, unlabelled=0.1)
        ann = {'id': 700 + a, 'image_id': a % 5 + 1, 'bbox': box, 'keypoints': values, 'iscrowd': 0,
               'category_id': 1}
        if a % 2 == 0:
            ann['num_keypoints'] = sum(1 for k in range(K) if values[3 * k + 2] > 0)
        anns.append(ann)
    anns[5]['num_keypoints'] = 0
    anns[8]['iscrowd'] = 1
    del anns[10]['keypoints']
    anns[15]['bbox'] = [400.0, 10.0, 30.0, 30.0]  # right of a 320-wide image: no area once clipped
    coco = {'images': images, 'annotations': anns, 'categories': [{'id': 1, 'name': 'hand'}]}
    samples = []
    for a, ann in enumerate(anns):
        if a in (1, 14) or 'keypoints' not in ann:
            continue
        values = ann['keypoints']
        scale = [0.8, 3.0, 9.0, 30.0][a % 4]
        first = {'joints_2d': predicted(rng, values, scale)}
        second = {'joints_2d': predicted(rng, values, 70.0)}
        if a % 6 == 0:
            hands = {'right': first}
        elif a % 6 == 1:
            hands = {'left': first}
        elif a % 6 == 2:
            first['present'], second['present'] = 0.9, 0.3
            hands = {'left': first, 'right': second}
        elif a % 6 == 3:
            hands = {'right': first, 'left': second}  # no presences: a tie, the right one
        elif a % 6 == 4:
            first['present'], second['present'] = 0.7, 0.7
            hands = {'right': first, 'left': second}
        else:
            first['present'], second['present'] = 0.55, 0.45
            hands = {'right': first, 'left': second}
        samples.append({'id': str(ann['id']) if a % 2 else ann['id'], 'hands': hands})
    samples.append({'id': 424242, 'hands': {}})
    write(os.path.join(out, 'plain.json'), coco)
    write(os.path.join(out, 'plain_pred.json'), predictions(samples))

    write(os.path.join(out, 'expected_wholebody.json'),
          expect(os.path.join(out, 'wholebody.json'), os.path.join(out, 'wholebody_pred.json'), 'annotation'))
    for rule in ('annotation', 'image'):
        write(os.path.join(out, 'expected_plain_%s.json' % rule),
              expect(os.path.join(out, 'plain.json'), os.path.join(out, 'plain_pred.json'), rule))


def predictions(samples):
    return {'format': 'ambidex.predictions/1', 'unit': 'm', 'joint_order': 'openpose',
            'provenance': {'model': 'hand2d_reference.py'}, 'samples': samples}


def write(path, value):
    with open(path, 'w') as f:
        json.dump(value, f, indent=1, allow_nan=False)
        f.write('\n')


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'generate':
        generate(sys.argv[2])
    elif len(sys.argv) == 6 and sys.argv[1] == 'expect':
        write(sys.argv[5], expect(sys.argv[2], sys.argv[3], sys.argv[4]))
    else:
        sys.exit(__doc__)

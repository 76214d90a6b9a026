import { describe, expect, it } from 'vitest';
import { StructureSet } from './structure-set.ts';
import { templateIds, templateOps, templates } from './templates.ts';
import { checkStructureName, tg263 } from './tg263.ts';
import { lps } from '../geometry/space.ts';

describe('TG-263 names', () => {
  it('accepts primary names, targets, PRVs, partial and helper structures', () => {
    for (const name of ['Parotid_L', 'SpinalCord', 'Femur_Head_R', 'Glnd_Submand_L', 'Lungs', 'Musc_Constrict', 'OpticChiasm']) {
      expect(checkStructureName(name)).toMatchObject({ valid: true, kind: 'organ' });
    }
    for (const name of ['GTV', 'GTVp', 'GTVn2', 'CTV_High', 'PTV_7000', 'PTV_50.4Gy', 'PTV!_Eval', 'CTV_Prostate', 'PTVn_5400']) {
      expect(checkStructureName(name), name).toMatchObject({ valid: true, kind: 'target' });
    }
    expect(checkStructureName('SpinalCord_PRV05')).toMatchObject({ valid: true, kind: 'prv' });
    expect(checkStructureName('Brain~')).toMatchObject({ valid: true, kind: 'partial' });
    expect(checkStructureName('zRing_3cm')).toMatchObject({ valid: true, kind: 'helper' });
    expect(tg263.source).toMatch(/Derived from AAPM Report 263/);
  });

  it('suggests close names for case, separators, laterality words, typos and common synonyms', () => {
    const first = (name: string) => checkStructureName(name).suggestions[0];
    expect(first('parotid left')).toBe('Parotid_L');
    expect(first('R Parotid')).toBe('Parotid_R');
    expect(first('PAROTID_LT')).toBe('Parotid_L');
    expect(first('spinal cord')).toBe('SpinalCord');
    expect(first('cord')).toBe('SpinalCord');
    expect(first('Brianstem')).toBe('Brainstem');
    expect(first('optic chiasm')).toBe('OpticChiasm');
    expect(first('femur head left')).toBe('Femur_Head_L');
    expect(first('oesophagus')).toBe('Esophagus');
    expect(first('ptv high')).toBe('PTV_High');
    expect(first('gtv-P')).toBe('GTVp');
    expect(checkStructureName('Parotid').suggestions.slice(0, 3).sort()).toEqual(['Parotid_L', 'Parotid_R', 'Parotids']);
    const unknown = checkStructureName('Thing');
    expect(unknown.valid).toBe(false);
    expect(unknown.message).toMatch(/Thing is not a TG-263 name/);
  });

  it('templates create named, typed, coloured empty structures whose names all pass the checker', () => {
    const geometry = { dims: [4, 4, 2] as const, spacing: [1, 1, 1] as const, origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as const };
    for (const id of templateIds) {
      for (const s of templates[id].structures) expect(checkStructureName(s.name), `${id}: ${s.name}`).toMatchObject({ valid: true });
    }
    const set = new StructureSet(geometry);
    let n = 0;
    const ops = templateOps(templates['lung-sbrt'], [], () => `t${n++}`, 0);
    for (const op of ops) set.apply(op);
    expect(set.list().map((s) => s.meta.name)).toContain('PTV');
    expect(set.get('t1')).toMatchObject({ meta: { name: 'GTV', type: 'GTV', color: [255, 0, 0], display: 'outline' }, version: 0 });
    expect(set.list().every((s) => s.mask.voxelCount() === 0)).toBe(true);
    // Applying it again adds nothing: those names exist.
    expect(templateOps(templates['lung-sbrt'], set.list().map((s) => s.meta.name), () => 'x')).toEqual([]);
  });
});

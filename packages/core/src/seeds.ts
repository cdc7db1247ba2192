/** Plans bundled as demo data (files under packages/core/seeds; read them with the I/O of your side). */
export const BUNDLED_PLANS = [
  {
    id: 'beijing-air-2022',
    file: 'beijing-air-2022.txt',
    title: '大气污染防治 2022 年行动计划',
    directory: 'beijing',
    /** The decision the demo makes for `相关区政府`. */
    relevantDistricts: ['门头沟区政府', '怀柔区政府'],
  },
] as const;

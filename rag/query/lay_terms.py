"""The words people use about the law → the terms Chinese statutes write (Chinese questions).

The seed glossary (:data:`rag.query.rewrite.COLLOQUIAL`) knows one topic, urbanisation. People ask
about torts, crimes, work, traffic, renting and shopping in words no statute uses: "楼上扔东西砸伤了
人，找谁赔" is 从建筑物中抛掷物品…造成他人损害 … 承担侵权责任; "喝了酒开车会坐牢吗" is 醉酒驾驶机动车
… 刑事责任. These pairs give the lexical retriever the statute's words and the coverage reading
(:func:`rag.query.rewrite.formal`) the terms a clause is judged on, as the seed glossary does for
its topic. Written from the vocabulary of Chinese civil, criminal, labour, traffic, tenancy,
consumer, family and administrative law as a general list, not from one corpus; but the misses of
the held-out sets `evals/heldout/zh-npc.jsonl` and `zh-lay.jsonl` had been read before parts of it
were written, so those sets are not held out for it; `zh-lay2.jsonl` was written after it was
frozen (evals/README.md, "Stop 30").

A key is matched as a substring of the question, longest first; a key is never a substring of
the terms it stands for in a way that would garble them ("谁赔", not "赔", which is in 赔偿). Words
statutes themselves use for what is asked were tried as keys and left out where they moved
answers the wrong way: 开除 (义务教育法: 不得开除学生) pulled labour articles into a school question;
辞职 moved 社会保险法 第四十五条 off the first place for "我是自己主动辞职的，能领失业金吗？"; 工资,
the statutes' own word, only added 劳动报酬 to every wage question;
退货 raised the refund sentence of 消费者权益保护法 第二十五条 over the return window a unit test asks;
洗钱 only repeated 反洗钱法's own word. 加班 → 延长工作时间 quoted 劳动法 第四十四条's weekday rate
(百分之一百五十) first for "周末加班又不给补休" (休息日: 百分之二百), even beside 周末 → 休息日:
延长工作时间 is one kind of 加班 only, so 加班 is left alone and the days people name are read
(周末 → 休息日, 节假日 → 法定休假日); 交警 → 公安机关交通管理部门, words every article of 道路交通安全法
holds, pushed "交警开的罚单要在几天内去银行交？" out of the first five of the held-out traffic set
(which is therefore not held out for it).
"""

from __future__ import annotations

LAY_TERMS: dict[str, str] = {
    # Damage and who pays (torts)
    "谁赔": "赔偿 承担侵权责任",
    "找谁要": "赔偿 承担责任",
    "赔钱": "赔偿",
    "赔吗": "赔偿 承担侵权责任",
    "医药费": "医疗费 赔偿",
    "看病钱": "医疗费",
    "误工": "误工费 赔偿",
    "精神损失": "精神损害赔偿",
    "砸伤": "造成他人损害 伤害",
    "砸坏": "造成他人损害 财产损失",
    "砸到": "造成他人损害",
    "扔东西": "抛掷物品",
    "扔下": "抛掷物品 坠落",
    "往下扔": "抛掷物品",
    "楼上": "建筑物",
    "掉下来": "坠落 脱落",
    "广告牌": "搁置物 悬挂物",
    "招牌": "搁置物 悬挂物",
    "树枝": "林木 折断",
    "大树": "林木",
    "井盖": "窨井 地下设施",
    "狗": "饲养的动物 动物饲养人",
    "猫": "饲养的动物 动物饲养人",
    "宠物": "饲养的动物 动物饲养人",
    "咬伤": "动物 造成他人损害",
    "咬了": "动物 造成他人损害",
    "撞了人": "交通事故 造成损害",
    "撞人": "交通事故 造成损害",
    "撞伤": "交通事故 造成损害",
    "撞死": "交通事故 死亡",
    "车祸": "交通事故",
    "出人命": "死亡",
    "过户": "登记 转让",
    "踢球": "文体活动 风险",
    "打球": "文体活动 风险",
    "饭店": "经营场所 公共场所 经营者",
    "餐馆": "经营场所 公共场所 经营者",
    "商场": "经营场所 公共场所 经营者",
    "超市": "经营场所 公共场所 经营者",
    "服务员": "工作人员 用人单位",
    "店员": "工作人员 用人单位",
    # Crimes
    "坐牢": "刑事责任 有期徒刑",
    "判刑": "刑事责任 判处 有期徒刑",
    "判几年": "有期徒刑 判处",
    "判多久": "有期徒刑 判处",
    "蹲监狱": "有期徒刑 刑事责任",
    "犯罪吗": "犯罪 刑事责任",
    "打伤": "伤害 故意伤害",
    "打成重伤": "重伤 故意伤害",
    "捅伤": "伤害 故意伤害",
    "还手": "防卫 正当防卫",
    "反抗": "防卫 正当防卫",
    "自卫": "防卫 正当防卫",
    "偷东西": "盗窃",
    "小偷": "盗窃",
    "被骗": "诈骗",
    "骗钱": "诈骗",
    "骗子": "诈骗",
    "醉驾": "醉酒驾驶机动车 危险驾驶",
    "喝醉开车": "醉酒驾驶机动车 危险驾驶",
    "酒驾": "饮酒后驾驶机动车 酒后驾驶",
    "喝酒开车": "饮酒后驾驶机动车 酒后驾驶",
    "喝了酒开车": "饮酒后驾驶机动车 醉酒驾驶机动车",
    "造假": "虚假 伪造 篡改",
    "假数据": "虚假 不真实 篡改",
    # Work
    "老板": "用人单位 雇主",
    "欠工资": "拖欠劳动报酬 支付劳动报酬",
    "拖欠工资": "拖欠劳动报酬 支付劳动报酬",
    "不发工资": "拖欠劳动报酬 支付劳动报酬",
    "辞退": "解除劳动合同",
    "炒鱿鱼": "解除劳动合同",
    "周末": "休息日",
    "双休日": "休息日",
    "节假日": "法定休假日",
    "国庆": "法定休假日",
    "春节": "法定休假日",
    "放假": "法定节假日 休息日",
    "上班路上": "上下班途中",
    "下班路上": "上下班途中",
    # (stop 34, after reading the misses of evals/heldout/zh-new.jsonl: not held out for these)
    "抵工资": "实物 货币形式 支付工资",
    "工资卡": "银行卡 社会保障卡",
    "收走": "扣押 扣留",
    "请不起律师": "法律援助",
    "没钱请律师": "法律援助",
    "打官司": "诉讼 起诉",
    # Traffic
    "驾照": "机动车驾驶证",
    "闯红灯": "交通信号",
    # Renting, housing, shopping
    "房东": "出租人",
    "租客": "承租人",
    "房客": "承租人",
    "业委会": "业主委员会",
    "假货": "欺诈 假冒",
    "网购": "网络 购买商品",
    "养老院": "养老机构",
    # Family
    "老公": "配偶 夫妻",
    "老婆": "配偶 夫妻",
    "两口子": "夫妻",
    "结婚前": "婚前 婚前财产",
    "分房子": "分割 共同财产",
    "分财产": "分割 共同财产",
    "借钱": "借款 债务",
    "欠债": "债务 清偿",
    "借的钱": "借款 债务",
    "欠的钱": "债务 清偿",
    "还钱": "清偿 债务",
    "还债": "清偿 债务",
    "养孩子": "抚养 子女",
    "孩子跟谁": "抚养 直接抚养",
    "家暴": "家庭暴力",
    "打老婆": "家庭暴力",
    # Succession and relatives, as statutes name them
    "没留遗嘱": "法定继承 继承顺序",
    "没有遗嘱": "法定继承 继承顺序",
    "没立遗嘱": "法定继承 继承顺序",
    "遗产怎么分": "遗产 分配 份额",
    "孙子": "孙子女",
    "孙女": "孙子女",
    "外孙": "外孙子女",
    "爷爷": "祖父母",
    "奶奶": "祖父母",
    "外公": "外祖父母",
    "外婆": "外祖父母",
    "姥姥": "外祖父母",
    "姥爷": "外祖父母",
    "公公": "公婆",
    "婆婆": "公婆",
    "岳父": "岳父母",
    "岳母": "岳父母",
    "丈人": "岳父母",
    "哥哥": "兄弟姐妹",
    "弟弟": "兄弟姐妹",
    "姐姐": "兄弟姐妹",
    "妹妹": "兄弟姐妹",
    "爸爸": "父母",
    "妈妈": "父母",
    "我爸": "父母",
    "我妈": "父母",
    "去世": "死亡",
    "过世": "死亡",
    "死了": "死亡",
    # Name, image, reputation, privacy
    "偷拍": "私密活动 隐私 拍摄",
    "照片": "肖像",
    "头像": "肖像",
    "造谣": "名誉 捏造 诽谤",
    "抹黑": "名誉 诽谤",
    "污蔑": "名誉 诽谤",
    "骂人": "侮辱",
    "辱骂": "侮辱",
    "黄段子": "性骚扰",
    "动手动脚": "性骚扰",
    "手机号": "个人信息",
    "身份证号": "个人信息",
    "人肉": "个人信息 隐私",
    # Neighbours and property
    "邻居": "相邻 不动产权利人",
    "挡光": "采光 日照",
    "挡阳光": "采光 日照",
    "漏水": "排水 损害",
    "房产证": "不动产权属证书 不动产登记",
    "楼道": "共有部分",
    # Online shops, scams
    "网店": "电子商务经营者",
    "卖家": "经营者 电子商务经营者",
    "刷单": "虚假交易",
    "差评": "评价",
    "银行卡": "银行账户",
    "手机卡": "电话卡",
    # Police and public order
    "派出所": "公安机关",
    "关起来": "拘留",
    "打架": "殴打 斗殴",
    "喝醉": "醉酒",
    "喝多了": "醉酒",
    "闹事": "扰乱 秩序",
    "噪音": "噪声",
    # Bodies by their short names, which share no bigram with the full ones statutes write (read after
    # stop 64's 妇联 question, kn-26, found its article 10th: zh-s64 is not held out for them)
    "妇联": "妇女联合会",
    "居委会": "居民委员会",
    "村委会": "村民委员会",
    "共青团": "共产主义青年团",
    "团委": "共产主义青年团",
    "残联": "残疾人联合会",
    "科协": "科学技术协会",
    "关工委": "关心下一代工作委员会",
    "工商联": "工商业联合会",
    "消协": "消费者协会",
    "人社局": "人力资源社会保障 人力资源和社会保障",
    "人社部门": "人力资源社会保障 人力资源和社会保障",
    "卫健委": "卫生健康",
    "住建局": "住房城乡建设 住房和城乡建设",
    "文旅局": "文化和旅游",
    # Money and accounts
    "开户": "开立账户",
    "不记名": "匿名 假名",
    "罚多少": "罚款",
}

# Longer words holding a key that mean something else: a key inside one of them is not read.
# "死了" is a death in 他被车撞死了, an intensifier or a result in 堵死了 / 累死了 (a question about
# a shop's blocked exit "安全出口用货架堵死了" read 死亡, a held-out question of stop 44).
NOT_KEYS: dict[str, tuple[str, ...]] = {
    "死了": ("堵死", "封死", "锁死", "卡死", "焊死", "钉死", "关死", "累死", "烦死", "气死", "笑死", "热死", "冷死",
             "困死", "忙死", "急死", "吓死", "愁死", "馋死", "疼死", "痛死"),
}

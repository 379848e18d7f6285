/** 简体中文: engine. Same keys and placeholders as ../en/engine.ts. */
import type { engine as en } from '../en/engine';

export const engine: Record<keyof typeof en, string> = {
	'engine.file_empty': '文件是空的：请选择一个带表头行和交易记录的文件。',
	'engine.not_text':
		'这看起来不是文本（CSV）文件：其中含有文本文件不会有的控制字符。如果它是 Excel 或 Parquet 文件，请把扩展名改为 .xlsx 或 .parquet；否则请在原软件中导出为 CSV。',
	'engine.not_csv': '无法按 CSV 读取此文件。',
	'engine.no_columns': '文件中没有任何列。',
	'engine.too_many_columns':
		'此文件有 {n} 列，Segmenta 最多读取 {max} 列。请删除不需要的列（保留客户、日期和金额），然后重新打开。',
	'engine.uneven_lines':
		'表头下方的 {n} 行中，没有一行像表头那样有 {fields} 个字段：各行宽度不同，无法识别出表格。请检查分隔符，或重新导出为 CSV。',
	'engine.no_table':
		'此文件中找不到表格：前 {lines} 行每行有 {fewest} 到 {most} 个字段，没有哪个字段数是大多数行共有的。请确认它是每行一笔交易的分隔文本（CSV）文件，或重新导出为 CSV。',
	'engine.no_rows': '文件有列名（{columns}），但没有数据行。',
	'engine.one_statement':
		'一个单元格只运行一条查询：请删除多余的语句（“;”之后的部分），或放到另一个单元格中。',
	'engine.open_first': '请先打开一个文件。',
	'engine.step_reading': '读取中',
	'engine.step_duplicates': '检查重复记录',
	'engine.step_summaries': '生成订单与客户汇总表',
	'engine.list_empty': '客户名单是空的。',
	'engine.gzip_too_big':
		'此 .gz 文件解压后超过 {gb} GB：这不是普通的导出文件，浏览器内存也装不下。请先自行解压查看内容，如果里面是 CSV，再打开该 CSV。',
	'engine.gzip_ratio':
		'此 .gz 文件解压后超过原大小的 {ratio} 倍：这不是普通的导出文件，浏览器内存也装不下。请先自行解压查看内容，如果里面是 CSV，再打开该 CSV。',
	'engine.out_of_memory':
		'DuckDB 在此标签页中内存不足（{detail}）。您的设置和笔记本都已保留。请打开较小的文件：导出较短的日期范围，或去掉不需要的列。',
	'engine.offline':
		'Segmenta 让 DuckDB 保持离线：它只读取你打开的文件，从不访问互联网或其他文件（{detail}）。',
	'engine.bad_encoding':
		'无法识别文件的文本编码（{detail}）。请手动选择编码，或将文件另存为 UTF-8。',
	'engine.line_too_long':
		'此文件中有一行超过 {mb} MB，超出了 CSV 读取器的上限：通常是引号没有闭合，或某个单元格装了整篇文档。请缩短或删除该行，然后重新打开文件。',
	'engine.csv_invalid_state':
		'CSV 读取器在此文件中无法继续解析：通常是各行的换行方式不一致（有的带回车符，有的不带，例如两个导出文件被拼在一起），或引号没有闭合。请在原软件中重新另存为 CSV，或删除异常的那一行，然后重新打开。',
	'engine.csv_error': '无法按 CSV 读取此文件：{detail}。请确认它是带表头行的分隔文本文件。',
	'engine.stopped':
		'分析引擎意外停止（{detail}），已重新启动。您的设置和笔记本都已保留：请重新打开文件以继续。',
	'engine.stopped_unknown':
		'分析引擎意外停止（worker 错误），已重新启动。您的设置和笔记本都已保留：请重新打开文件以继续。',
	'engine.worker_lost':
		'分析引擎的 worker 意外结束（浏览器可能内存不足），已重新启动。您的设置和笔记本都已保留：请重新打开文件以继续。',
	'engine.wasm_failed': 'DuckDB 引擎文件加载失败（HTTP {status}）：{url}',
	'reader.json_invalid': '此 JSON 文件不是有效的 JSON（{detail}）。',
	'reader.json_not_records':
		'此 JSON 文件不是记录列表。Segmenta 读取的是对象数组，每笔交易明细一个对象，例如 [{"customer": "A1", "date": "2024-01-05", "amount": 12.5}]。',
	'reader.json_empty': '此 JSON 文件是一个空列表：没有可读取的记录。',
	'reader.parquet_unreadable':
		'无法读取此 Parquet 文件（{detail}）。文件可能不完整或已损坏：请重新导出。',
	'reader.xlsx_unreadable':
		'无法读取此 Excel 文件（{detail}）。请重新另存为 .xlsx，或将该工作表导出为 CSV。',
	'reader.xlsx_uncalculated':
		'有 {n} 个公式单元格没有计算结果（例如 {cell}）：保存此文件的程序不计算公式，因此这些单元格读出来是空的。请用 Excel 或 LibreOffice 打开并重新保存，然后打开保存后的文件。',
	'reader.xlsx_no_sheets': '此 Excel 文件中没有工作表。',
	'fit.clv_columns':
		'CLV 单元格的 SQL 必须给出列 {needed}；目前缺少 {missing}。请回到模板 SQL，或补上这些列。',
	'fit.clv_too_few': '客户太少（{n} 位），无法拟合模型；至少需要 {min} 位。',
	'fit.clusters_columns':
		'聚类单元格的 SQL 必须给出 customer_id 和至少一个数值列（recency_days、frequency、monetary…）。',
	'fit.clusters_too_few': '客户太少（{n} 位），无法聚类；至少需要 {min} 位。',
	'fit.progress_tracking': '正在跟踪复购随时间的变化',
	'fit.progress_choosing_k': '在样本上选择 k（2–{max}）',
	'fit.progress_kmeans': 'k-means 第 {iteration} 次迭代：{moved} 位客户调整了分组'
};

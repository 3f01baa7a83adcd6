"""Curated vocabularies the rules match against: datasets, benchmarks, model families, metrics.

Kept as data so adding a name never means adding a branch. Names are written
the way papers usually spell them; matching tolerates case, hyphens and spaces
(`CIFAR10` = `CIFAR-10`, `GSM-8K` = `GSM8k`).
"""

from __future__ import annotations

from summarizer.extract.rules.hits import words

# Datasets and benchmarks common in ML abstracts (vision, NLP, LLM evals, speech, graphs, RL, tabular).
DATASETS: tuple[str, ...] = (
    # vision
    "ImageNet", "ImageNet-1K", "ImageNet-21K", "ImageNet-22K", "ImageNet-R", "ImageNet-A", "ImageNet-C",
    "ImageNet-V2", "ImageNet-Sketch", "ImageNet-LT", "Tiny-ImageNet", "TinyImageNet", "CIFAR-10", "CIFAR-100",
    "CIFAR-10-C", "CIFAR-100-C", "CIFAR-100-LT", "CIFAR-10-LT", "CIFAR100-LT", "CIFAR10-LT", "MNIST",
    "Fashion-MNIST", "FashionMNIST", "EMNIST", "KMNIST", "SVHN", "STL-10", "CelebA", "CelebA-HQ", "FFHQ",
    "LSUN", "COCO", "MS-COCO", "MSCOCO", "Pascal VOC", "PASCAL VOC", "ADE20K", "Cityscapes", "KITTI",
    "nuScenes", "Waymo Open", "Places365", "iNaturalist", "iNaturalist 2018", "Caltech-101", "Caltech-256",
    "Oxford Flowers", "Flowers102", "Oxford-IIIT Pets", "Stanford Cars", "FGVC-Aircraft", "CUB-200",
    "CUB-200-2011", "DTD", "EuroSAT", "Food-101", "SUN397", "VTAB", "VTAB-1k", "DomainNet", "Office-31",
    "Office-Home", "OfficeHome", "PACS", "VLCS", "TerraIncognita", "WILDS", "Camelyon17", "ChestX-ray14",
    "CheXpert", "MIMIC-CXR", "MIMIC-III", "MIMIC-IV", "IU-Xray", "ISIC", "HAM10000", "BraTS", "LAION",
    "LAION-5B", "LAION-400M", "CC3M", "CC12M", "Conceptual Captions", "Flickr30k", "Flickr30K", "Visual Genome",
    "VQAv2", "VQA v2", "GQA", "OK-VQA", "TextVQA", "ScienceQA", "MMMU", "MMBench", "MME", "POPE", "SEED-Bench",
    "MathVista", "ChartQA", "DocVQA", "Kinetics-400", "Kinetics", "UCF101", "HMDB51", "Something-Something",
    "MSR-VTT", "MSRVTT", "ActivityNet", "ShapeNet", "ModelNet40", "ScanNet", "MS-Celeb-1M",
    # NLP / LLM evaluation
    "GLUE", "SuperGLUE", "SQuAD", "SQuAD v2", "SQuAD2.0", "MNLI", "MultiNLI", "SNLI", "SST-2", "SST-5", "QNLI",
    "QQP", "RTE", "CoLA", "MRPC", "STS-B", "BoolQ", "PIQA", "HellaSwag", "WinoGrande", "Winogrande", "ARC",
    "ARC-Easy", "ARC-Challenge", "ARC-e", "ARC-c", "OpenBookQA", "CommonsenseQA", "SIQA", "Social IQA",
    "LAMBADA", "TriviaQA", "Natural Questions", "NaturalQuestions", "HotpotQA", "MS MARCO", "MSMarco",
    "MS-MARCO", "BEIR", "MTEB", "TREC", "TREC-COVID", "BioASQ", "PubMedQA", "MedQA", "MedMCQA", "MMLU",
    "MMLU-Pro", "CMMLU", "C-Eval", "BIG-bench", "BIG-Bench Hard", "BIG-bench Hard", "BBH", "GSM8K", "GSM8k",
    "GSM-8K", "MATH", "MATH-500", "MATH500", "SVAMP", "AQuA", "MathQA", "MAWPS", "AIME", "AIME 2024", "AMC",
    "OlympiadBench", "miniF2F", "MetaMathQA", "HumanEval", "HumanEval+", "MBPP", "MBPP+", "APPS",
    "CodeContests", "LiveCodeBench", "SWE-bench", "SWE-Bench", "DS-1000", "Spider", "BIRD", "WikiSQL",
    "MT-Bench", "MT-bench", "AlpacaEval", "AlpacaEval 2.0", "Arena-Hard", "Chatbot Arena", "IFEval",
    "TruthfulQA", "ToxiGen", "RealToxicityPrompts", "BBQ", "HH-RLHF", "Anthropic HH", "UltraFeedback",
    "UltraChat", "ShareGPT", "Alpaca", "Dolly", "OpenAssistant", "FLAN", "RewardBench", "HelpSteer",
    "WikiText", "text8", "enwik8", "WikiText-2", "WikiText2", "WikiText-103", "WikiText103", "Penn Treebank",
    "PTB", "C4",
    "The Pile", "RedPajama", "SlimPajama", "FineWeb", "OpenWebText", "BookCorpus", "Common Crawl",
    "CommonCrawl", "WMT", "WMT14", "WMT15", "WMT16", "WMT17", "WMT18", "WMT19", "WMT20", "WMT21", "WMT22",
    "IWSLT", "FLORES", "FLORES-200", "XSum", "CNN/DailyMail",
    "CNN/DM", "SAMSum", "IMDB", "IMDb", "Yelp", "AG News", "AGNews", "DBpedia", "Amazon Reviews", "CoNLL-2003",
    "OntoNotes", "LongBench", "RULER", "Needle-in-a-Haystack", "L-Eval", "HELM", "OpenLLM Leaderboard",
    "Commonsense Reasoning", "MultiWOZ", "ALFWorld", "WebShop", "WebArena", "HotPotQA", "GAIA", "AgentBench",
    "ToolBench", "GPQA", "DROP", "XNLI", "PAWS", "FEVER", "ANLI", "StrategyQA", "CSQA", "LogiQA", "ReClor",
    # speech / audio
    "LibriSpeech", "Common Voice", "CommonVoice", "VoxCeleb", "VoxCeleb2", "AudioSet", "ESC-50", "TIMIT",
    "GigaSpeech", "WSJ",
    # graphs / recommendation / tabular / time series / RL
    "OGB", "ogbn-arxiv", "ogbn-products", "ogbn-proteins", "Cora", "CiteSeer", "Citeseer", "PubMed",
    "MovieLens", "MovieLens-1M", "Netflix Prize", "Criteo", "Avazu", "Yelp2018",
    "Gowalla", "Amazon-Book", "KuaiRec", "UCI", "OpenML", "OpenML-CC18", "Adult", "Higgs", "Covertype",
    "ETTh1", "ETTh2", "ETTm1", "ETTm2", "ETT", "Electricity", "Traffic", "Weather", "ILI",
    "M4", "M5", "PEMS", "PEMS-BAY", "METR-LA", "UEA", "UCR", "MuJoCo", "Mujoco", "D4RL", "Atari",
    "Atari 100k", "DMControl", "DeepMind Control Suite", "Meta-World", "ProcGen", "Procgen", "MineRL",
    "NetHack", "OpenAI Gym", "MIMIC", "eICU", "PhysioNet", "TCGA", "UK Biobank", "QM9", "ZINC", "MoleculeNet",
    "PDBbind", "CASP", "SRBench", "TabArena", "TabZilla",
)

# Names that are ordinary words or ambiguous in lower/title case: matched only with this exact spelling.
CASE_SENSITIVE = frozenset({
    "ARC", "MATH", "DROP", "BIRD", "Spider", "Alpaca", "Dolly", "Adult", "Higgs", "Electricity", "Traffic",
    "Weather", "Atari", "Cora", "PubMed", "RULER", "HELM", "FLAN", "Yelp",
    "AMC", "AIME", "UCI", "ILI", "M4", "M5", "C4", "RTE", "WSJ", "MME", "POPE", "BBQ", "GAIA", "APPS",
    "TREC", "MIMIC", "ETT", "PTB", "UCR", "UEA", "DTD", "ISIC", "PACS", "VLCS", "Kinetics",
    "Commonsense Reasoning", "CSQA", "SIQA", "AQuA", "ZINC", "CASP", "WMT", "IMDB", "IMDb", "CoLA",
})

# Model families; a family name alone counts only where it cannot be an ordinary word or a method.
MODEL_FAMILIES: tuple[str, ...] = (
    "Llama", "LLaMA", "LLaMa", "LLAMA", "Code Llama", "CodeLlama", "Alpaca", "Vicuna", "Qwen", "QwQ",
    "Mistral", "Mixtral", "Gemma", "Gemini", "Claude", "PaLM", "Falcon", "BLOOM", "BLOOMZ", "Pythia",
    "Flan-T5", "FLAN-T5", "mT5", "T5", "BART", "BERT", "RoBERTa", "DeBERTa", "DeBERTaV3", "DistilBERT",
    "ALBERT", "ELECTRA", "XLNet", "XLM-R", "ResNet", "ResNeXt", "WideResNet", "Wide ResNet", "WRN", "ViT",
    "DeiT", "Swin", "ConvNeXt", "EfficientNet", "MobileNet", "MobileNetV2", "VGG", "DenseNet", "CLIP",
    "OpenCLIP", "BLIP", "BLIP-2", "LLaVA", "LLaVA-NeXT", "InstructBLIP", "DINO", "DINOv2", "Stable Diffusion",
    "Whisper", "wav2vec", "wav2vec 2.0", "HuBERT", "DeepSeek", "DeepSeek-R1", "DeepSeek-V3", "InternLM",
    "InternVL", "Baichuan", "ChatGLM", "StarCoder", "OLMo", "GPT-J", "GPT-NeoX", "GPT-Neo",
    "ChatGPT", "InstructGPT", "Codex", "YOLO", "YOLOv5", "YOLOv8", "TinyLlama", "Zephyr",
    "Orca", "WizardLM", "Segment Anything", "DALL-E", "Imagen", "SDXL", "Sora", "MiniGPT-4", "Idefics",
    "Phi-1", "Phi-1.5", "Phi-2", "Phi-3", "Phi-3.5", "Phi-4", "Nemotron", "Granite", "SmolLM", "Cohere",
    "Command R", "Jamba", "RWKV", "Kosmos", "Flamingo", "OpenFlamingo", "GLIP", "SigLIP", "EVA-CLIP",
)
# Families that need a version or size to count (`GPT-4`, `OPT-13B`, `Yi-34B`), else they are words.
VERSIONED_FAMILIES: tuple[str, ...] = ("GPT", "OPT", "Yi", "MPT", "Phi", "Llama", "Chinchilla", "Mamba")

# Words naming what a gain measures; the nearest one to a number becomes the gain's metric.
METRICS: tuple[str, ...] = (
    "accuracy", "top-1 accuracy", "top-5 accuracy", "error rate", "error", "F1", "F1 score", "BLEU", "ROUGE",
    "ROUGE-L", "perplexity", "PPL", "AUC", "AUROC", "mAP", "mIoU", "IoU", "FID", "IS", "NDCG", "MRR", "Recall",
    "recall", "precision", "pass@1", "win rate", "win-rate", "exact match", "EM", "MSE", "MAE", "RMSE",
    "speedup", "speed-up", "throughput", "latency", "memory", "memory usage", "memory footprint",
    "inference time", "training time", "training cost", "cost", "FLOPs", "compute", "parameters",
    "trainable parameters", "energy", "communication cost", "communication", "sample efficiency",
    "success rate", "reward", "regret", "return", "score", "performance", "R^2", "WER", "CER", "BLEURT",
    "AUC-ROC", "correlation", "coverage", "compression", "storage", "bandwidth", "forecasting error",
    "prediction error", "sensitivity", "specificity", "Recall@10", "Recall@20", "Hit@10", "HR@10",
    "NDCG@10", "calibration error", "ECE", "robustness", "accuracy loss", "loss", "AP", "mean squared error",
    "mean absolute error", "word error rate", "WERs", "BLEU score", "F1-macro", "macro-F1", "micro-F1", "AUPRC",
    "MAPE", "PSNR", "SSIM", "Dice", "C-index", "translation accuracy",
)

# Acronyms that name a field or a standard technique, never the paper's own method.
COMMON_ACRONYMS = words(
    "AI ML DL NLP NLU NLG CV RL IRL MARL LLM LLMs VLM VLMs MLLM MLLMs LM LMs PLM PLMs SLM SLMs GNN GNNs CNN CNNs RNN "
    "RNNs LSTM GRU MLP MLPs VAE VAEs GAN GANs NN NNs DNN DNNs SSL SGD GD ADAM OT DP LDP FL IR KD NAS DRO MoE RAG ICL "
    "CoT RLHF DPO PPO SFT PEFT LoRA QLoRA KL MSE MAE RMSE AUC ROC SVM SVD PCA ICA KNN kNN GP GPs EM MCMC HMM CRF "
    "ODE ODEs PDE PDEs SDE SDEs ViT ViTs OOD IID iid API APIs GPU GPUs CPU TPU FLOPs SOTA QA VQA ASR TTS MT NER "
    "IoT EHR ECG EEG MRI CT LTSF TSF CTR CVR A/B ERM IRM UCB TS MDP MDPs POMDP BO HPO AutoML MIL RS SR DA UDA DG "
    "TL MTL CL MAML FSL ZSL VI ELBO KV LLaMA GPT BERT")

# Nouns that say the thing just named is the paper's contribution (`a framework called X`).
METHOD_NOUNS = (
    "method", "approach", "framework", "algorithm", "technique", "model", "strategy", "system", "architecture",
    "scheme", "procedure", "module", "paradigm", "benchmark", "dataset", "loss", "metric", "tool", "pipeline",
    "library", "network", "estimator", "optimizer", "mechanism", "agent", "protocol", "policy", "recipe",
    "objective", "regularizer", "variant", "toolkit", "suite", "platform", "learner", "solver", "attack",
    "defense", "pruner", "adapter", "layer", "criterion", "score", "measure", "test", "corpus", "environment",
)

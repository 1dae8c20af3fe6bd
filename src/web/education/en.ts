import { EN_STRINGS, LOCALE_META } from "./strings.js";
import type { EducationLocale, Topic } from "./types.js";

/**
 * English patient education. Plain language, short sentences, second person. Written for
 * Hepatica; reviewed against the same topic and section ids as `zh.ts`.
 */
const topics: readonly Topic[] = [
  {
    id: "interventional-treatment",
    title: "What is interventional treatment?",
    summary: "How doctors treat a liver tumour through a tiny opening in the skin instead of an operation.",
    sections: [
      {
        id: "idea",
        heading: "The basic idea",
        blocks: [
          {
            kind: "p",
            text: "Interventional treatment means treating the tumour from the inside, through a very small opening in the skin, instead of through a large cut. The doctor uses live images (X-ray, CT scan or ultrasound) to guide thin tubes or needles to the exact place in the liver where the tumour is.",
          },
          {
            kind: "p",
            text: "The doctors who do this are called interventional radiologists. They work together with liver surgeons, liver specialists (hepatologists), cancer doctors (oncologists), nurses and other members of your care team.",
          },
        ],
      },
      {
        id: "two-ways",
        heading: "Two main ways to reach the tumour",
        blocks: [
          {
            kind: "list",
            items: [
              "Through the blood vessels: a thin tube (catheter) goes into an artery at the top of the leg or at the wrist and is steered to the artery that feeds the tumour. Medicine, tiny particles or tiny radioactive beads are then given straight to the tumour. Arterial infusion chemotherapy (HAIC), embolization (TAE), chemoembolization (TACE) and radioembolization (Y-90) work this way.",
              "Through the skin, straight into the tumour: a thin needle-like probe is placed in the tumour and destroys it with heat or with cold. This is called ablation.",
            ],
          },
        ],
      },
      {
        id: "why-liver",
        heading: "Why this works well in the liver",
        blocks: [
          {
            kind: "p",
            text: "The liver has two blood supplies. Healthy liver gets most of its blood from the portal vein, which carries blood from the gut. A liver cancer (hepatocellular carcinoma, HCC) gets most of its blood from the hepatic artery. Treating through the hepatic artery therefore hits the tumour hard while sparing much of the healthy liver.",
          },
        ],
      },
      {
        id: "place-in-care",
        heading: "Where it fits in your care",
        blocks: [
          {
            kind: "p",
            text: "Interventional treatment can be the main treatment, or it can be combined with surgery, a liver transplant, or medicines that work through the whole body (such as targeted therapy or immunotherapy). Sometimes it is used to shrink a tumour so that an operation becomes possible, or to control the tumour while you wait for a transplant.",
          },
          {
            kind: "p",
            text: "Most of these procedures need only a short stay in hospital, and many can be repeated if needed.",
          },
        ],
      },
    ],
  },
  {
    id: "haic",
    title: "Arterial infusion chemotherapy (HAIC)",
    summary: "Chemotherapy given slowly, straight into the artery of the liver.",
    sections: [
      {
        id: "what",
        heading: "What it is",
        blocks: [
          {
            kind: "p",
            text: "HAIC stands for hepatic arterial infusion chemotherapy. A catheter is placed in the liver artery, and cancer medicines (chemotherapy) run slowly through it, usually over several hours or one to two days. Because the medicine goes straight into the liver, the tumour receives much more of it than the rest of the body does.",
          },
          {
            kind: "p",
            text: "A common combination contains oxaliplatin and fluorouracil, but your team will tell you which medicines they plan to use.",
          },
        ],
      },
      {
        id: "how",
        heading: "How it is done",
        blocks: [
          {
            kind: "list",
            items: [
              "The catheter is placed under local anaesthetic, through an artery in the leg or wrist.",
              "It stays in place while the medicine runs. During this time you lie in bed and keep the leg (or arm) still, so the catheter does not move.",
              "Some hospitals place a small device (a port) under the skin so that the catheter does not need to be placed again each time.",
              "Treatment is usually repeated every three to four weeks, for several rounds. Scans check how well it is working.",
            ],
          },
        ],
      },
      {
        id: "when",
        heading: "When it may be offered",
        blocks: [
          {
            kind: "p",
            text: "HAIC is often considered for large tumours, for many tumours in the liver, or when the tumour has grown into a vein in the liver (the portal vein). It is used more in some countries, such as China, Japan and Korea, than in others. It may be combined with other treatments.",
          },
        ],
      },
      {
        id: "side-effects",
        heading: "Possible side effects",
        blocks: [
          {
            kind: "list",
            items: [
              "Pain or a feeling of heat in the upper belly while the medicine runs. Tell the nurse: the speed can be changed and pain medicine given.",
              "Feeling sick, loss of appetite and tiredness for a few days.",
              "Lower blood counts, which can raise the risk of infection or bleeding. Your blood is checked before each round.",
              "Tingling or numbness in the hands and feet, especially in the cold (from oxaliplatin).",
              "Changes in liver tests.",
            ],
          },
        ],
      },
    ],
  },
  {
    id: "tae",
    title: "Embolization (TAE)",
    summary: "Blocking the tumour's blood supply with tiny particles.",
    sections: [
      {
        id: "what",
        heading: "What it is",
        blocks: [
          {
            kind: "p",
            text: "TAE stands for transarterial embolization. The doctor guides a catheter to the small arteries that feed the tumour and injects tiny particles that block them. Without blood, the tumour is starved of oxygen and food, and the tumour cells die.",
          },
          {
            kind: "p",
            text: "TAE uses no chemotherapy. It is sometimes called bland embolization.",
          },
        ],
      },
      {
        id: "when",
        heading: "When it may be offered",
        blocks: [
          {
            kind: "p",
            text: "TAE can be used for some of the same tumours as chemoembolization (TACE). It is also used in an emergency, to stop bleeding from a tumour that has burst.",
          },
        ],
      },
      {
        id: "after",
        heading: "What to expect afterwards",
        blocks: [
          {
            kind: "p",
            text: "Most people have some pain, fever and tiredness for a few days. This is called post-embolization syndrome and is explained in the topic on benefits and risks. It is usually a sign that the tumour is reacting to the treatment.",
          },
        ],
      },
    ],
  },
  {
    id: "tace",
    title: "Chemoembolization (cTACE and DEB-TACE)",
    summary: "Chemotherapy delivered into the tumour, together with blocking its blood supply.",
    sections: [
      {
        id: "what",
        heading: "What it is",
        blocks: [
          {
            kind: "p",
            text: "TACE stands for transarterial chemoembolization. It combines two things: a dose of chemotherapy given straight into the tumour, and blocking the tumour's blood supply so that the medicine stays there longer and the tumour is starved of blood. It is one of the most common treatments for liver cancer.",
          },
        ],
      },
      {
        id: "types",
        heading: "The two main types",
        blocks: [
          {
            kind: "list",
            items: [
              "Conventional TACE (cTACE): the chemotherapy is mixed with an oily liquid that shows up on X-rays and CT scans (iodised oil, Lipiodol). The mixture collects in the tumour, and small particles are then used to block the artery. The oil stays visible on later scans.",
              "Drug-eluting bead TACE (DEB-TACE): tiny beads soaked in chemotherapy are injected. The beads block the small arteries and release the medicine slowly over days to weeks.",
            ],
          },
          {
            kind: "p",
            text: "Both types work well. Your team chooses based on your tumour, your liver and the experience of the hospital.",
          },
        ],
      },
      {
        id: "when",
        heading: "When it may be offered",
        blocks: [
          {
            kind: "p",
            text: "TACE is most often offered when there are several tumours, or tumours too large to remove or ablate, the cancer has not spread outside the liver, the liver still works well, and you are well enough to look after yourself. It can also keep the cancer under control while you wait for a transplant, or shrink it so that surgery becomes possible.",
          },
        ],
      },
      {
        id: "repeat",
        heading: "Repeating the treatment",
        blocks: [
          {
            kind: "p",
            text: "TACE is often repeated. After each session a scan shows whether any part of the tumour is still alive. If it is, and your liver can take it, another session may be planned. If the tumour keeps growing despite treatment, or the liver starts to struggle, your team will suggest a different treatment.",
          },
        ],
      },
    ],
  },
  {
    id: "radioembolization",
    title: "Radioembolization (Y-90)",
    summary: "Tiny radioactive beads that treat the tumour with radiation from inside the liver.",
    sections: [
      {
        id: "what",
        heading: "What it is",
        blocks: [
          {
            kind: "p",
            text: "Radioembolization is also called Y-90, TARE (transarterial radioembolization) or SIRT (selective internal radiation therapy). Millions of very small beads containing a radioactive substance, yttrium-90, are given through the liver artery. The beads lodge in the tumour's small vessels and give off radiation that reaches only a few millimetres around them. Most of the radiation is gone within about two weeks.",
          },
        ],
      },
      {
        id: "two-steps",
        heading: "It is done in two steps",
        blocks: [
          {
            kind: "list",
            items: [
              "Planning visit: the doctor maps the liver arteries and gives a small test dose of a harmless tracer. A scan then shows where the beads would go, and checks how much would reach the lungs. Small side branches to the stomach or bowel may be closed to protect them.",
              "Treatment visit, usually one to three weeks later: the beads are given. The dose is calculated for you from the size of your liver and tumour.",
            ],
          },
        ],
      },
      {
        id: "when",
        heading: "When it may be offered",
        blocks: [
          {
            kind: "p",
            text: "Y-90 may be offered for a single large tumour, for tumours that have grown into a liver vein, or as an alternative to TACE. It may also be used to shrink a tumour before surgery or a transplant.",
          },
        ],
      },
      {
        id: "after",
        heading: "After the treatment",
        blocks: [
          {
            kind: "list",
            items: [
              "Tiredness is common for one to two weeks. Pain and fever are usually milder than after TACE.",
              "The radiation stays inside your body. For about a week, your team may ask you to keep some distance from pregnant women and small children, and not to hold a child on your lap for long. Follow the exact advice you are given.",
              "Rare but serious problems include radiation damage to the liver, and an ulcer if beads reach the stomach or bowel. The planning visit is there to lower these risks.",
            ],
          },
        ],
      },
    ],
  },
  {
    id: "ablation",
    title: "Ablation (RFA and MWA)",
    summary: "Destroying a small tumour with heat, using a needle-like probe.",
    sections: [
      {
        id: "what",
        heading: "What it is",
        blocks: [
          {
            kind: "p",
            text: "Ablation destroys the tumour where it is, without removing it. A thin probe is passed through the skin into the tumour, guided by ultrasound or CT. The tip then heats the tumour and a small rim of liver around it until the cells die.",
          },
          {
            kind: "list",
            items: [
              "Radiofrequency ablation (RFA) heats the tissue with an electric current.",
              "Microwave ablation (MWA) heats the tissue with microwaves. It heats faster and can treat a somewhat larger area.",
            ],
          },
        ],
      },
      {
        id: "when",
        heading: "When it may be offered",
        blocks: [
          {
            kind: "p",
            text: "Ablation works best for small tumours, usually up to about 3 cm, and when there are only a few of them. For very small tumours it can work about as well as an operation, with a much quicker recovery. It is also used when surgery would be too risky. The tumour must be in a place the probe can reach safely.",
          },
        ],
      },
      {
        id: "how",
        heading: "How it is done",
        blocks: [
          {
            kind: "p",
            text: "You receive strong sedation or a general anaesthetic. The treatment itself takes a few minutes for each tumour; the whole procedure usually takes one to two hours. Most people stay in hospital for one night or a little longer.",
          },
        ],
      },
      {
        id: "risks",
        heading: "Possible problems",
        blocks: [
          {
            kind: "list",
            items: [
              "Pain where the probe went in, and a mild fever for a few days.",
              "Less often: bleeding, an infection in the treated area (abscess), or injury to the bile ducts, bowel, gallbladder or the lung lining close to the liver.",
              "Rarely, tumour cells can be carried along the path of the needle. Doctors take steps to prevent this.",
            ],
          },
        ],
      },
    ],
  },
  {
    id: "cryoablation",
    title: "Argon-helium cryoablation",
    summary: "Destroying a tumour by freezing it, then thawing it.",
    sections: [
      {
        id: "what",
        heading: "What it is",
        blocks: [
          {
            kind: "p",
            text: "Cryoablation destroys the tumour with cold instead of heat. In argon-helium cryoablation, argon gas flowing through the tip of the probe cools it to far below freezing, so a ball of ice forms around the tumour. Helium gas is then used to warm the probe and thaw the ice. Freezing and thawing, usually done twice, breaks the tumour cells apart.",
          },
        ],
      },
      {
        id: "why",
        heading: "Why freezing may be chosen",
        blocks: [
          {
            kind: "list",
            items: [
              "The ice ball can be seen clearly on CT during the procedure, so the doctor can watch how much is being treated.",
              "Several probes can be used together to treat a larger or oddly shaped tumour.",
              "It may be preferred for a tumour close to large blood vessels or other structures where heat would be less effective or less safe.",
              "It is often less painful during the procedure than heat.",
            ],
          },
        ],
      },
      {
        id: "risks",
        heading: "Possible problems",
        blocks: [
          {
            kind: "list",
            items: [
              "Similar to heat ablation: pain, fever, bleeding, infection and injury to nearby organs.",
              "Bleeding may be a little more likely than with heat, so your clotting is checked first.",
              "When a large area is frozen, a rare but serious whole-body reaction can occur, with low blood pressure, kidney strain and problems with clotting. Your team watches for this closely.",
            ],
          },
        ],
      },
    ],
  },
  {
    id: "combination-therapy",
    title: "Combining treatments: local treatment with medicines",
    summary:
      "Why a local treatment such as TACE may be given together with medicines that work through the whole body, and what the studies show.",
    sections: [
      {
        id: "what",
        heading: "What it means",
        blocks: [
          {
            kind: "p",
            text: "Local treatments (such as TACE, HAIC, ablation or radioembolization) act on the tumours in the liver. Systemic treatments are medicines that travel through the whole body: targeted medicines that block the signals tumours use to grow new blood vessels (for example lenvatinib or bevacizumab), and immunotherapy medicines that help the immune system recognise the cancer (for example atezolizumab, durvalumab or pembrolizumab). Doctors sometimes combine the two, at the same time or one after the other.",
          },
          {
            kind: "p",
            text: "The idea is that the local treatment shrinks the tumours that can be seen in the liver, while the medicine works against cancer cells the local treatment does not reach and may slow regrowth.",
          },
        ],
      },
      {
        id: "evidence",
        heading: "What the studies show",
        blocks: [
          {
            kind: "list",
            items: [
              "In a large Chinese study (LAUNCH) of people with advanced liver cancer, lenvatinib plus TACE helped people live longer than lenvatinib alone: on average about 18 months compared with about 11 and a half months.",
              "In two international studies of people whose cancer was limited to the liver (EMERALD-1 and LEAP-012), adding medicines to TACE kept the cancer from growing for several months longer on average. Neither study has shown that people live longer overall.",
              "After an operation or ablation that removed all visible cancer, one international study (IMbrave050) found that a year of atezolizumab and bevacizumab at first lowered the chance of the cancer coming back; with longer follow-up this benefit was no longer clear.",
              "Guidelines differ. The Chinese national guideline supports combining TACE with medicines for some stages of the disease; the Barcelona (BCLC) system used in many other countries does not list these combinations as standard care.",
            ],
          },
        ],
      },
      {
        id: "risks",
        heading: "Side effects",
        blocks: [
          {
            kind: "p",
            text: "Combining treatments adds the side effects of each. The medicines can raise blood pressure, cause protein in the urine, tiredness, diarrhoea or sore hands and feet, and immunotherapy can cause inflammation of organs such as the bowel, liver, lungs or thyroid. Bevacizumab increases the risk of bleeding, so the team usually looks for enlarged veins in the food pipe (varices) with an endoscopy first and treats them if needed.",
          },
          {
            kind: "warning",
            title: "Call the hospital straight away if you notice",
            items: [
              "Vomiting blood, or black, tarry stools",
              "A severe headache, or very high blood pressure readings at home",
              "Diarrhoea that does not settle within a day, or blood in the stool",
              "Yellowing of the skin or eyes, new confusion or unusual sleepiness",
              "A new cough or shortness of breath",
            ],
          },
        ],
      },
      {
        id: "questions",
        heading: "Questions to ask your team",
        blocks: [
          {
            kind: "list",
            items: [
              "Which combination do you suggest, and why for me?",
              "Is it standard treatment where I am treated, or part of a clinical trial?",
              "Which side effects should I watch for, and whom do I call?",
              "How will we know whether it is working, and what happens if it is not?",
            ],
          },
        ],
      },
    ],
  },
  {
    id: "cik-cell-therapy",
    title: "CIK cell therapy",
    summary:
      "A treatment that uses your own immune cells, grown in a laboratory, and what is and is not known about it.",
    sections: [
      {
        id: "what",
        heading: "What it is",
        blocks: [
          {
            kind: "p",
            text: "CIK stands for cytokine-induced killer cells. Blood is taken from you, and some of your white blood cells are grown in a laboratory with substances called cytokines, which turn them into cells able to attack cancer cells. The cells are then given back to you through a drip, usually several times over weeks or months.",
          },
          {
            kind: "p",
            text: "It uses your own cells: it is not a transplant and not a medicine made from someone else's blood.",
          },
        ],
      },
      {
        id: "evidence",
        heading: "What the studies show",
        blocks: [
          {
            kind: "list",
            items: [
              "The main evidence comes from studies after an operation or ablation that removed the visible cancer. In a Korean study of 230 people, those who received CIK cells went longer before the cancer came back: on average about 44 months compared with about 30 months.",
              "A Chinese study of 200 people after surgery also found a longer time before the cancer came back, but no clear difference in how long people lived.",
              "Some hospitals in China combine CIK cells with TACE or other local treatments. These combinations have mostly been tested in small studies that cannot show whether they help.",
            ],
          },
        ],
      },
      {
        id: "unknown",
        heading: "What is not known",
        blocks: [
          {
            kind: "list",
            items: [
              "Whether it helps people whose cancer cannot be removed or ablated.",
              "Which people benefit most, and how many treatments are best.",
              "International guidelines, such as the Barcelona (BCLC) system and the American and European liver societies, do not recommend it. In mainland China, cell therapies like this are usually offered within approved clinical studies: ask your team whether this applies to you.",
            ],
          },
        ],
      },
      {
        id: "risks",
        heading: "Side effects and practical points",
        blocks: [
          {
            kind: "p",
            text: "In the studies, side effects were mostly mild: fever, chills, tiredness or a rash around the time of the drip. Because blood must be collected and the cells grown, each course takes time, may cost a lot, and may not be covered by insurance.",
          },
        ],
      },
    ],
  },
  {
    id: "who-is-suitable",
    title: "Who is suitable?",
    summary: "What your care team looks at when choosing a treatment with you.",
    sections: [
      {
        id: "what-counts",
        heading: "What your care team looks at",
        blocks: [
          {
            kind: "list",
            items: [
              "The tumour: how many tumours there are, how big they are, where they are, and whether the cancer has grown into blood vessels or spread outside the liver.",
              "Your liver: how well it still works. Blood tests (such as bilirubin, albumin and clotting), fluid in the belly (ascites) and confusion caused by the liver are combined into scores such as Child-Pugh and ALBI.",
              "Your general health: how active you are in daily life, and other illnesses such as heart or kidney disease.",
              "Safety details: kidney function, allergy to X-ray dye (contrast), blood clotting, and medicines you take.",
            ],
          },
        ],
      },
      {
        id: "staging",
        heading: "Stages and treatment guides",
        blocks: [
          {
            kind: "p",
            text: "Doctors put all of this together into a stage. Two common staging systems for liver cancer are BCLC (the Barcelona Clinic Liver Cancer system) and CNLC (the China Liver Cancer staging system). Each stage points to the treatments that usually work best. The two systems do not always agree, and there is often more than one reasonable choice.",
          },
          {
            kind: "p",
            text: "Your case may be discussed at a tumour board, a meeting where specialists from different fields agree on a plan together. Your own wishes matter in that plan.",
          },
        ],
      },
      {
        id: "rough-guide",
        heading: "A rough guide",
        blocks: [
          {
            kind: "list",
            items: [
              "One to three small tumours and a well-working liver: ablation, surgery or a transplant may be possible.",
              "Several tumours, or larger ones, still only in the liver: chemoembolization (TACE) is often used.",
              "Large tumours, or tumours grown into a liver vein: HAIC, Y-90 or medicines through the whole body may be discussed, sometimes together.",
            ],
          },
          {
            kind: "p",
            text: "This is only a rough picture. Your team may suggest something different for good reasons.",
          },
        ],
      },
      {
        id: "not-suitable",
        heading: "When these treatments may not be safe",
        blocks: [
          {
            kind: "p",
            text: "Interventional treatment may be too risky if the liver is already failing (for example with yellow skin and eyes, or a lot of fluid in the belly), if a main bile duct is blocked, if the kidneys are very weak, or if you are too unwell for the procedure. In that case the team will talk with you about other treatments, including care that focuses on comfort.",
          },
        ],
      },
    ],
  },
  {
    id: "benefits-and-risks",
    title: "Advantages and risks",
    summary: "What these treatments can offer, what can go wrong, and when to get help.",
    sections: [
      {
        id: "advantages",
        heading: "Advantages",
        blocks: [
          {
            kind: "list",
            items: [
              "No large cut: a small puncture in the skin is usually enough.",
              "Targeted: the treatment goes mainly to the tumour, so the rest of the body is less affected than with chemotherapy into a vein.",
              "Quick recovery: most people go home after one to a few days.",
              "Can be repeated, and combined with other treatments.",
              "Can shrink a tumour so that surgery or a transplant becomes possible.",
            ],
          },
        ],
      },
      {
        id: "post-embolization",
        heading: "Post-embolization syndrome",
        blocks: [
          {
            kind: "p",
            text: "After embolization or chemoembolization, most people have fever, pain in the upper right side of the belly, feeling sick or vomiting, and tiredness. This is called post-embolization syndrome. It comes from the tumour reacting to the treatment, not usually from an infection. It is worst in the first two or three days and normally settles within about a week. Medicines for pain, sickness and fever help.",
          },
        ],
      },
      {
        id: "liver-function",
        heading: "Effects on the liver",
        blocks: [
          {
            kind: "p",
            text: "The treatment also touches some healthy liver. Liver blood tests often get worse for a short time and then recover. In some people, especially those whose liver was already weak, liver function drops more and may not fully recover. This is why your liver is checked before every treatment, and why the plan may change if your liver is struggling.",
          },
        ],
      },
      {
        id: "other-risks",
        heading: "Other risks",
        blocks: [
          {
            kind: "list",
            items: [
              "Bruising or bleeding where the catheter or needle went in.",
              "A reaction to the X-ray dye, or strain on the kidneys from it.",
              "Infection in the liver (abscess), which is more likely if you have had surgery on your bile ducts.",
              "Inflammation of the gallbladder, or injury to the stomach or bowel if material reaches them.",
              "Side effects of chemotherapy such as lower blood counts, usually milder than with chemotherapy into a vein.",
            ],
          },
        ],
      },
      {
        id: "get-help",
        heading: "When to get help",
        blocks: [
          {
            kind: "warning",
            title: "Contact your hospital straight away, or go to an emergency department, if you have:",
            items: [
              "a fever above 38.5 °C with shivering, or a fever that starts or returns more than a week after treatment;",
              "pain that is severe or keeps getting worse;",
              "yellow skin or eyes, or a belly that swells quickly;",
              "vomiting blood, or black or bloody stools;",
              "confusion or unusual sleepiness;",
              "bleeding or a growing swelling where the catheter or needle went in;",
              "difficulty breathing or chest pain.",
            ],
          },
        ],
      },
    ],
  },
  {
    id: "your-procedure",
    title: "Before, during and after the procedure",
    summary: "How to prepare, what happens on the day, and how to look after yourself afterwards.",
    sections: [
      {
        id: "before",
        heading: "Before",
        blocks: [
          {
            kind: "list",
            items: [
              "You will have blood tests (blood count, liver and kidney tests, clotting, and tumour markers such as AFP) and a recent CT or MRI scan.",
              "Tell your team about all your medicines, especially blood thinners, diabetes medicines and any herbal products. Some may need to be stopped for a few days. Do not stop anything without advice.",
              "Tell your team about any allergies, especially to X-ray dye (contrast) or iodine.",
              "You will usually be asked not to eat for about six hours before. Follow the exact instructions from your hospital.",
              "Arrange for someone to take you home, and to stay with you for the first night at home if possible.",
            ],
          },
        ],
      },
      {
        id: "during",
        heading: "During",
        blocks: [
          {
            kind: "list",
            items: [
              "You lie on your back on a table under the X-ray or CT machine. A nurse stays with you and checks your pulse, blood pressure and oxygen.",
              "The skin at the groin or wrist (or over the liver, for ablation) is cleaned and numbed. You may be given medicine to make you relaxed and sleepy, or a general anaesthetic.",
              "You may feel pressure, warmth or a short ache when medicine is given. Tell the team if you have pain: they can help straight away.",
              "Most procedures take one to two hours.",
            ],
          },
        ],
      },
      {
        id: "after",
        heading: "After",
        blocks: [
          {
            kind: "list",
            items: [
              "If the catheter went in at the groin, you lie flat with the leg straight for a few hours, so the artery can seal.",
              "Nurses check the puncture site and your pulse in the leg or arm.",
              "Drink plenty unless told otherwise: it helps the kidneys clear the X-ray dye.",
              "You will be given medicine for pain, sickness and fever if you need it.",
              "Most people go home after one to three days. Rest for about a week. Avoid heavy lifting and hard exercise for a few days, or as advised.",
              "Keep the puncture site clean and dry for a day or two. A small bruise is normal.",
            ],
          },
        ],
      },
    ],
  },
  {
    id: "follow-up",
    title: "Follow-up",
    summary: "Scans and blood tests after treatment, and what the results mean.",
    sections: [
      {
        id: "schedule",
        heading: "What happens after treatment",
        blocks: [
          {
            kind: "p",
            text: "The first check is usually about four to six weeks after treatment, with a CT or MRI scan using contrast and blood tests, including liver tests and tumour markers such as AFP. After that, checks are usually every two to three months for a while, then less often if all is well. Your team will give you your own schedule.",
          },
        ],
      },
      {
        id: "results",
        heading: "How results are judged",
        blocks: [
          {
            kind: "p",
            text: "After interventional treatment, a tumour may not shrink straight away, even when it has died. So doctors look at how much of the tumour still takes up contrast on the scan, which shows the part that is still alive. Standard rules for this, such as mRECIST, sort the result into one of four groups:",
          },
          {
            kind: "list",
            items: [
              "Complete response: no living tumour can be seen.",
              "Partial response: the living part of the tumour has shrunk clearly (by at least 30%).",
              "Stable disease: there is not much change either way.",
              "Progressive disease: the tumour has grown, or new tumours have appeared.",
            ],
          },
          {
            kind: "p",
            text: "Depending on the result, your team may plan another session, change to a different treatment, or simply continue to watch.",
          },
        ],
      },
      {
        id: "looking-after",
        heading: "Looking after your liver",
        blocks: [
          {
            kind: "list",
            items: [
              "Do not drink alcohol.",
              "If you have hepatitis B or C, keep taking your antiviral medicine exactly as prescribed.",
              "Eat regular meals with enough protein, unless your doctor advises otherwise.",
              "Check with your team before taking any new medicine, supplement or herbal remedy.",
              "Keep a list of your treatment dates and results, and bring it to each visit.",
            ],
          },
        ],
      },
      {
        id: "questions",
        heading: "Questions you may want to ask",
        blocks: [
          {
            kind: "list",
            items: [
              "What is the stage of my cancer, and what does it mean for me?",
              "Why do you suggest this treatment, and what are the other choices?",
              "How many sessions might I need?",
              "What side effects should I expect, and whom do I call if I am worried?",
              "When is my next scan, and how will I hear the results?",
            ],
          },
        ],
      },
    ],
  },
];

export const en: EducationLocale = {
  lang: "en",
  htmlLang: LOCALE_META.en.htmlLang,
  basePath: LOCALE_META.en.basePath,
  strings: EN_STRINGS,
  topics,
};
